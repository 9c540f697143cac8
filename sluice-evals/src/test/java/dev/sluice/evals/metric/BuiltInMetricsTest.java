package dev.sluice.evals.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.evals.dataset.EvalCase;
import dev.sluice.evals.spi.Score;
import dev.sluice.evals.spi.Scorer;
import dev.sluice.evals.spi.ScorerContext;
import dev.sluice.evals.spi.ScoringInput;
import dev.sluice.evals.suite.MetricSpec;
import dev.sluice.evals.target.TargetOutput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in metrics, created through the ServiceLoader registry as a suite would. */
class BuiltInMetricsTest {

    private final ScorerRegistry registry = ScorerRegistry.standard();
    private ScorerContext context = new ScorerContext((model, system, prompt) -> "SCORE: 4", text -> new float[] {1});

    private Scorer scorer(String type, String optionsJson) throws Exception {
        ObjectNode options = (ObjectNode) Json.parse(optionsJson);
        return registry.create(new MetricSpec(type, type, null, options), context);
    }

    private static ScoringInput input(String output, String expected) {
        return new ScoringInput(new EvalCase("c1", Map.of(), expected, null, List.of("Paris is in France.")),
                "Where is Paris?", new TargetOutput(output, List.of(), 120, 40, 5, 10, 0.002));
    }

    @Test
    void exactMatchComparesTrimmedTextOptionallyIgnoringCase() throws Exception {
        assertThat(scorer("exact_match", "{}").score(input(" Paris \n", "Paris")).value()).isEqualTo(1);
        assertThat(scorer("exact_match", "{}").score(input("paris", "Paris")).value()).isEqualTo(0);
        assertThat(scorer("exact_match", "{\"ignore_case\":true}").score(input("paris", "Paris")).value()).isEqualTo(1);
        assertThat(scorer("exact_match", "{}").defaultThreshold()).isEqualTo(1.0);
    }

    @Test
    void containsChecksAnyOrAllValues() throws Exception {
        String any = "{\"values\":[\"france\",\"germany\"],\"ignore_case\":true}";
        String all = "{\"values\":[\"france\",\"germany\"],\"mode\":\"all\",\"ignore_case\":true}";
        assertThat(scorer("contains", any).score(input("It is in France.", null)).value()).isEqualTo(1);
        assertThat(scorer("contains", all).score(input("It is in France.", null)).value()).isEqualTo(0);
        assertThat(scorer("contains", "{}").score(input("It is in France.", "France")).value()).isEqualTo(1);
        assertThatThrownBy(() -> scorer("contains", "{\"mode\":\"some\"}")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("mode must be 'any' or 'all'");
    }

    @Test
    void regexAndStartsWithMatchTheOutput() throws Exception {
        assertThat(scorer("regex", "{\"pattern\":\"\\\\d{4}\"}").score(input("in 1889", null)).value()).isEqualTo(1);
        assertThat(scorer("regex", "{\"pattern\":\"^no\"}").score(input("yes", null)).value()).isEqualTo(0);
        assertThat(scorer("starts_with", "{\"value\":\"Yes\"}").score(input("Yes, it is.", null)).value()).isEqualTo(1);
        assertThatThrownBy(() -> scorer("regex", "{\"pattern\":\"(\"}")).hasMessageContaining("invalid regex");
        assertThatThrownBy(() -> scorer("regex", "{}")).hasMessageContaining("needs option 'pattern'");
    }

    @Test
    void jsonMetricsParseFencedJsonAndValidateItAgainstASchema() throws Exception {
        assertThat(scorer("is_json", "{}").score(input("```json\n{\"a\":1}\n```", null)).value()).isEqualTo(1);
        assertThat(scorer("is_json", "{}").score(input("{a:1}", null)).value()).isEqualTo(0);
        String schema = "{\"schema\":{\"type\":\"object\",\"required\":[\"city\"],"
                + "\"properties\":{\"city\":{\"type\":\"string\"}}}}";
        assertThat(scorer("json_schema", schema).score(input("{\"city\":\"Paris\"}", null)).value()).isEqualTo(1);
        Score wrong = scorer("json_schema", schema).score(input("{\"city\":3}", null));
        assertThat(wrong.value()).isEqualTo(0);
        assertThat(wrong.reason()).as("reason %s", wrong.reason()).contains("city");
    }

    @Test
    void aMissingReferenceIsAScoringErrorOfThatCase() throws Exception {
        Score s = scorer("rouge_l", "{}").score(input("Paris", null));
        assertThat(s.ok()).isFalse();
        assertThat(s.error()).contains("case 'c1' has no expected value");
    }

    @Test
    void performanceMetricsReadTheMeasurementsAndAreLowerIsBetter() throws Exception {
        assertThat(scorer("latency_ms", "{}").score(input("x", null)).value()).isEqualTo(120);
        assertThat(scorer("ttft_ms", "{}").score(input("x", null)).value()).isEqualTo(40);
        assertThat(scorer("cost_usd", "{}").score(input("x", null)).value()).isEqualTo(0.002);
        assertThat(scorer("tokens_per_s", "{}").score(input("x", null)).value()).isEqualTo(10 * 1000.0 / 80);
        assertThat(scorer("latency_ms", "{}").higherIsBetter()).isFalse();
    }

    @Test
    void theJudgeScoreIsNormalisedToTheScale() throws Exception {
        Score s = scorer("llm_judge", "{\"judge\":\"j\",\"rubric\":\"correctness\"}").score(input("Paris", "Paris"));
        assertThat(s.value()).isEqualTo(0.75);
        Score custom = scorer("llm_judge", "{\"judge\":\"j\",\"criteria\":\"Is it polite?\",\"scale\":[0,10]}")
                .score(input("Paris", null));
        assertThat(custom.value()).isEqualTo(0.4);
    }

    @Test
    void aFailingOrUnparsableJudgeBecomesThatCasesError() throws Exception {
        context = new ScorerContext((m, s, p) -> "It is fine, I think.", null);
        assertThat(scorer("llm_judge", "{\"judge\":\"j\"}").score(input("Paris", "Paris")).error())
                .contains("judge answer has no score in 1..5");
        context = new ScorerContext((m, s, p) -> {
            throw GatewayException.of(ErrorType.RATE_LIMITED, "too many requests");
        }, null);
        assertThat(scorer("faithfulness", "{\"judge\":\"j\"}").score(input("Paris", null)).error())
                .contains("judge 'j' failed: too many requests");
    }

    @Test
    void ragMetricsShowTheContextsToTheJudge() throws Exception {
        StringBuilder seen = new StringBuilder();
        context = new ScorerContext((m, s, p) -> {
            seen.append(p);
            return "SCORE: 5";
        }, null);
        assertThat(scorer("context_recall", "{\"judge\":\"j\"}").score(input("Paris", "France")).value()).isEqualTo(1);
        assertThat(seen).contains("CONTEXTS:\n[1] Paris is in France.").contains("REFERENCE:\nFrance");
    }

    @Test
    void judgeVerdictsAreReadFromScoreLinesOrJson() {
        assertThat(JudgeVerdictParser.parse("reasoning...\nSCORE: 3", 1, 5)).isEqualTo(3.0);
        assertThat(JudgeVerdictParser.parse("**Score:** 4", 1, 5)).isEqualTo(4.0);
        assertThat(JudgeVerdictParser.parse("{\"score\": 2, \"why\": \"meh\"}", 1, 5)).isEqualTo(2.0);
        assertThat(JudgeVerdictParser.parse("SCORE: 9", 1, 5)).isNull();
        assertThat(JudgeVerdictParser.parse("no verdict", 1, 5)).isNull();
    }

    @Test
    void anUnknownMetricTypeNamesTheKnownOnes() {
        assertThatThrownBy(() -> scorer("blue", "{}")).hasMessageContaining("unknown type 'blue'")
                .hasMessageContaining("bleu");
    }
}
