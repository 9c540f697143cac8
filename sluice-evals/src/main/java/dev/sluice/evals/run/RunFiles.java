package dev.sluice.evals.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.error.GatewayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs as files a repository can keep: an exported run ({@code {"manifest":..., "results":[...]}}) or a run folder
 * copied out of a local store. Used for baselines committed next to the suite. Thread-safe.
 */
public final class RunFiles {

    private final ObjectMapper mapper = RunJson.mapper();

    public void write(Path file, EvalRun run) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), run);
        } catch (IOException e) {
            throw GatewayException.invalid("cannot write run file " + file + ": " + e.getMessage(), "export");
        }
    }

    /** Reads an exported run file or a run folder ({@code manifest.json} + {@code results.jsonl}). */
    public EvalRun read(Path path) {
        try {
            if (Files.isDirectory(path)) {
                RunManifest m = mapper.readValue(path.resolve("manifest.json").toFile(), RunManifest.class);
                return new EvalRun(m, LocalRunStore.readResults(mapper, path.resolve("results.jsonl")));
            }
            return mapper.readValue(path.toFile(), EvalRun.class);
        } catch (IOException e) {
            throw GatewayException.invalid("cannot read run " + path + ": " + firstLine(e.getMessage()), "baseline");
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
