package dev.sluice.evals;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.evals.gate.GateVerdict;
import dev.sluice.evals.report.HtmlReport;
import dev.sluice.evals.report.JUnitXmlReport;
import dev.sluice.evals.report.TextReport;
import dev.sluice.evals.run.RunFiles;
import dev.sluice.evals.stats.RunSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the reports a run asked for, and the terminal summary. */
final class Reports {

    private Reports() { }

    static void write(RunRequest.Reports files, RunSummary summary, GateVerdict verdict, PrintStream out) {
        out.print(new TextReport().terminal(summary, verdict));
        if (files.junit() != null) {
            write(files.junit(), new JUnitXmlReport().render(summary));
        }
        if (files.markdown() != null) {
            write(files.markdown(), new TextReport().markdown(summary, verdict));
        }
        if (files.html() != null) {
            write(files.html(), new HtmlReport().render(summary, verdict));
        }
        if (files.export() != null) {
            new RunFiles().write(files.export(), summary.run());
        }
        out.flush();
    }

    static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw GatewayException.of(ErrorType.INTERNAL, "cannot write report " + file + ": " + e.getMessage());
        }
    }
}
