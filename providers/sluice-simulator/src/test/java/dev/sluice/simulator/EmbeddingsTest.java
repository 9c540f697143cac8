package dev.sluice.simulator;

import static dev.sluice.simulator.Simulators.attempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.GatewayException;
import dev.sluice.testkit.Calls;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddingsTest {

    private final SimulatorProvider provider = Simulators.provider();

    private static EmbeddingRequest embed(Integer dimensions, String... texts) {
        return new EmbeddingRequest("sim-embed", List.of(texts), dimensions, null, null);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Test
    void theSameTextAlwaysGetsTheSameUnitVector() {
        EmbeddingResponse r =
                Calls.embed(provider, embed(null, "hello world", "hello world", "goodbye"), attempt("{}"));
        assertThat(r.vectors()).hasSize(3);
        assertThat(r.vectors().get(0)).hasSize(384).isEqualTo(r.vectors().get(1));
        assertThat(dot(r.vectors().get(0), r.vectors().get(0))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(Math.abs(dot(r.vectors().get(0), r.vectors().get(2)))).isLessThan(0.3);
    }

    @Test
    void dimensionsComeFromTheRequestElseTheOptions() {
        assertThat(Calls.embed(provider, embed(16, "a"), attempt("{}")).vectors().getFirst()).hasSize(16);
        assertThat(Calls.embed(provider, embed(null, "a"), attempt("{\"dimensions\":32}")).vectors().getFirst())
                .hasSize(32);
        assertThatThrownBy(() -> Calls.embed(provider, embed(0, "a"), attempt("{}")))
                .isInstanceOf(GatewayException.class).hasMessageContaining("dimensions");
    }

    @Test
    void usageCountsTheInputTokens() {
        EmbeddingResponse r = Calls.embed(provider, embed(null, "one two", "three"), attempt("{}"));
        assertThat(r.usage().inputTokens()).isEqualTo(3);
        assertThat(r.usage().outputTokens()).isZero();
    }

    @Test
    void injectedErrorsApplyToEmbeddingsToo() {
        assertThatThrownBy(() -> Calls.embed(provider, embed(null, "a"), attempt("{\"error_rate\":1}")))
                .isInstanceOf(GatewayException.class);
    }
}
