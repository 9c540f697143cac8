package dev.sluice.guardrails.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderTest {

    private static final List<String> TEXTS = List.of(
            "Should I buy Microsoft shares this week?",
            "Hi",
            "   ",
            "The export was started from the admin console at 09:14 UTC by our controller. The request came from our"
                    + " office network, and the file arrived by e-mail about ten minutes later, with the totals"
                    + " rounded and the invoice column blank for every customer whose name has an accent.",
            "Which party should I vote for?",
            "Should I buy Microsoft shares this week?");

    @Test
    void batchedEmbeddingsAreTheOneByOneModelsScaledToUnitLength() {
        MiniLmEmbedder model = MiniLmEmbedder.shared();
        List<float[]> batched = model.uncached().embedAll(TEXTS);
        assertThat(batched).hasSize(TEXTS.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(norm(batched.get(i))).as("norm of %s", TEXTS.get(i)).isCloseTo(1.0, within());
            if (TEXTS.get(i).isBlank()) {
                continue; // langchain4j refuses a blank text; the batch embeds it as the empty sentence
            }
            float[] single = model.embed(TEXTS.get(i));
            assertThat(dot(batched.get(i), single) / norm(single)).as("cosine for %s", TEXTS.get(i))
                    .isGreaterThan(0.9999);
        }
    }

    @Test
    void cachedEmbeddingsEqualNewOnesWhateverTheBatch() {
        MiniLmEmbedder model = MiniLmEmbedder.shared();
        List<float[]> first = model.embedAll(TEXTS);
        List<float[]> again = model.embedAll(List.of(TEXTS.get(4), TEXTS.get(0), "Is this lump on my neck cancer?"));
        assertThat(again.get(0)).isSameAs(first.get(4));
        assertThat(again.get(1)).isSameAs(first.get(0));
        float[] alone = model.uncached().embedAll(List.of("Is this lump on my neck cancer?")).get(0);
        assertThat(dot(again.get(2), alone)).isGreaterThan(0.9999);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-4);
    }

    private static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void blankTextHasAnEmbeddingToo() {
        assertThat(MiniLmEmbedder.shared().embed("   ")).hasSize(384);
        assertThat(MiniLmEmbedder.shared().embed("")).hasSize(384);
        assertThat(MiniLmEmbedder.shared().embedAll(List.of(" ", "a"))).hasSize(2);
    }
}
