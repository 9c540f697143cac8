package dev.sluice.evals.metric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.json.Json;
import dev.sluice.evals.dataset.EvalCase;
import dev.sluice.evals.spi.ScorerContext;
import dev.sluice.evals.spi.ScoringInput;
import dev.sluice.evals.suite.MetricSpec;
import dev.sluice.evals.target.TargetOutput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Custom metrics plug in through the ServiceLoader like the built-in ones. */
class ScorerRegistryTest {

    @Test
    void aCustomScorerFactoryOnTheClassPathIsUsableFromASuite() throws Exception {
        var options = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse("{\"max_words\":2}");
        var scorer = ScorerRegistry.standard().create(new MetricSpec("short", "test_max_words", null, options),
                new ScorerContext(null, null));
        var c = new EvalCase("1", Map.of(), null, null, List.of());

        assertThat(scorer.score(new ScoringInput(c, "p", new TargetOutput("two words", List.of(), 1, -1, 0, 0, 0)))
                .value()).isEqualTo(1);
        assertThat(scorer.score(new ScoringInput(c, "p", new TargetOutput("three words here", List.of(), 1, -1, 0, 0,
                0))).value()).isEqualTo(0);
    }
}
