package dev.sluice.evals.report;

import dev.sluice.evals.run.CaseResult;
import dev.sluice.evals.run.MetricInfo;
import dev.sluice.evals.run.RunManifest;
import dev.sluice.evals.spi.Score;
import dev.sluice.evals.stats.RunSummary;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML in the Ant format ({@code <testsuites>} with one {@code <testsuite>} per target): one test case per case
 * and repeat, a {@code <failure>} naming every metric below its threshold, an {@code <error>} when the target call
 * failed or a metric could not be scored. Stateless.
 */
public final class JUnitXmlReport {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    public String render(RunSummary s) {
        RunManifest m = s.run().manifest();
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("testsuites");
            int id = 0;
            for (String target : m.targets().keySet()) {
                List<CaseResult> rs = s.run().results().stream().filter(r -> r.target().equals(target)).toList();
                writeSuite(x, m, target, rs, id++);
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return out.toString();
    }

    private static void writeSuite(XMLStreamWriter x, RunManifest m, String target, List<CaseResult> rs, int id)
            throws XMLStreamException {
        int failures = 0;
        int errors = 0;
        for (CaseResult r : rs) {
            if (isError(r)) {
                errors++;
            } else if (!failedMetrics(m, r).isEmpty()) {
                failures++;
            }
        }
        double time = rs.stream().mapToLong(CaseResult::latencyMs).sum() / 1000.0;
        x.writeStartElement("testsuite");
        x.writeAttribute("package", "sluice.evals");
        x.writeAttribute("id", Integer.toString(id));
        x.writeAttribute("name", clean(m.suiteName() + "." + target));
        x.writeAttribute("timestamp", TIMESTAMP.format(m.startedAt().truncatedTo(ChronoUnit.SECONDS)));
        x.writeAttribute("hostname", "localhost");
        x.writeAttribute("tests", Integer.toString(rs.size()));
        x.writeAttribute("failures", Integer.toString(failures));
        x.writeAttribute("errors", Integer.toString(errors));
        x.writeAttribute("time", seconds(time));
        x.writeStartElement("properties");
        property(x, "run", m.runId());
        property(x, "suite.version", m.suiteVersion());
        property(x, "dataset.version", m.datasetVersion());
        x.writeEndElement();
        for (CaseResult r : rs) {
            x.writeStartElement("testcase");
            x.writeAttribute("classname", clean(m.suiteName() + "." + target));
            x.writeAttribute("name", clean(r.caseId() + (r.repeat() > 0 ? "#" + r.repeat() : "")));
            x.writeAttribute("time", seconds(r.latencyMs() / 1000.0));
            if (isError(r)) {
                x.writeStartElement("error");
                String msg = r.error() != null ? r.error() : unscored(r);
                x.writeAttribute("message", clean(msg));
                x.writeAttribute("type", r.error() != null ? "TargetCallFailed" : "ScoringFailed");
                x.writeCharacters(clean(msg));
                x.writeEndElement();
            } else {
                List<String> failed = failedMetrics(m, r);
                if (!failed.isEmpty()) {
                    x.writeStartElement("failure");
                    x.writeAttribute("message", clean("failed metrics: " + String.join(", ", failed)));
                    x.writeAttribute("type", "MetricBelowThreshold");
                    x.writeCharacters(clean("output: " + r.output()));
                    x.writeEndElement();
                }
            }
            x.writeEndElement();
        }
        x.writeStartElement("system-out");
        x.writeEndElement();
        x.writeStartElement("system-err");
        x.writeEndElement();
        x.writeEndElement();
    }

    private static boolean isError(CaseResult r) {
        return r.error() != null || r.scores().values().stream().anyMatch(s -> !s.ok());
    }

    private static String unscored(CaseResult r) {
        List<String> out = new ArrayList<>();
        r.scores().forEach((k, v) -> {
            if (!v.ok()) {
                out.add(k + ": " + v.error());
            }
        });
        return "could not score " + String.join("; ", out);
    }

    /** Metrics on the wrong side of their threshold, as {@code name=value (threshold t)}. */
    static List<String> failedMetrics(RunManifest m, CaseResult r) {
        List<String> out = new ArrayList<>();
        for (MetricInfo info : m.metrics()) {
            Score s = r.scores().get(info.name());
            if (s != null && s.ok() && !info.passes(s.value())) {
                out.add(String.format(Locale.ROOT, "%s=%.3f (%s %.3f)", info.name(), s.value(),
                        info.higherIsBetter() ? "min" : "max", info.threshold()));
            }
        }
        return out;
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", value == null ? "" : clean(value));
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /** Drops characters XML 1.0 cannot carry, so that any model output can be reported. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000).forEach(b::appendCodePoint);
        return b.toString();
    }
}
