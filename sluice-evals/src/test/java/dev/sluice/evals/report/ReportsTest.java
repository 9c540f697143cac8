package dev.sluice.evals.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.evals.gate.GateVerdict;
import dev.sluice.evals.gate.RuleResult;
import dev.sluice.evals.stats.RunSummary;
import dev.sluice.evals.stats.Summarizer;
import java.io.StringReader;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;

/** The reports of a run with passes, failures, a failed call and an unscored case. */
class ReportsTest {

    private final RunSummary summary = Summarizer.standard().summarize(Runs.sample(), null);
    private final GateVerdict verdict = new GateVerdict(List.of(new RuleResult("min_mean(exact_match) >= 0.9", false,
            "mean 0.500 is 0.400 below the minimum 0.900")));

    @Test
    void junitXmlIsValidAgainstTheAntJunitSchema() throws Exception {
        String xml = new JUnitXmlReport().render(summary);
        Validator validator = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/junit-ant.xsd")).newValidator();

        validator.validate(new StreamSource(new StringReader(xml)));

        assertThat(xml).contains("tests=\"4\"").contains("failures=\"1\"").contains("errors=\"2\"")
                .contains("timestamp=\"2026-01-02T03:04:05\"")
                .contains("failed metrics: exact_match=0.000 (min 1.000), latency_ms=900.000 (max 500.000)")
                .contains("TargetCallFailed").contains("ScoringFailed").doesNotContain("\u0001");
    }

    @Test
    void terminalAndMarkdownSummariesSayWhichRuleFailedAndByHowMuch() {
        String text = new TextReport().terminal(summary, verdict);
        String md = new TextReport().markdown(summary, verdict);

        assertThat(text).contains("Gate: FAILED").contains("[FAIL] min_mean(exact_match) >= 0.9: mean 0.500 is 0.400 "
                + "below").contains("1 call(s) failed after retries");
        assertThat(md).startsWith("### ❌").contains("**Failed rules**").contains("| small | exact_match | 0.500 |");
    }

    @Test
    void htmlReportIsSelfContainedAndEscapesOutputs() {
        String html = new HtmlReport().render(summary, verdict);

        assertThat(html).contains("<svg").contains("exact_match distribution").contains("latency (ms) vs cost (USD)")
                .contains("support &amp; &lt;faq&gt;").contains("ok &quot;quoted&quot; &lt;b&gt;")
                .doesNotContain("<script").doesNotContain("http://cdn");
    }
}
