package dev.sluice.guardrails.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class StaticEmbeddingsTest {

    private static final StaticEmbeddings TABLE = MiniLmEmbedder.shared().screen();

    /** Each row: a text, one MiniLM puts near it, one MiniLM puts farther (checked below). */
    private static final List<List<String>> TRIPLES = List.of(
            List.of("Should I buy Nvidia shares this week?", "Which stocks should I invest my savings in?",
                    "My parcel has not arrived yet, can you check the tracking number?"),
            List.of("I have a fever and a sore throat, what do I have?", "What illness causes headaches and a rash?",
                    "How do I reset the password of my online account?"),
            List.of("Which party should I vote for in the election?", "Who is the best candidate for president?",
                    "Which flight should I take to Lisbon?"),
            List.of("How do I make sourdough bread?", "Give me a recipe for a rye loaf.",
                    "Is this lump on my neck cancer?"));

    @Test
    void theStaticTableOrdersSimilaritiesAsMiniLmDoes() {
        Embedder model = MiniLmEmbedder.shared().uncached();
        for (List<String> t : TRIPLES) {
            List<float[]> m = model.embedAll(t);
            assertThat(Embedder.cosine(m.get(0), m.get(1))).as("MiniLM: %s", t)
                    .isGreaterThan(Embedder.cosine(m.get(0), m.get(2)) + 0.1);
            float[][] s = TABLE.sums(t);
            assertThat(Embedder.cosine(s[0], s[1])).as("static table: %s", t)
                    .isGreaterThan(Embedder.cosine(s[0], s[2]) + 0.1);
        }
    }

    @Test
    void aTextsVectorIsTheSumOfItsSentencesVectors() {
        float[][] s = TABLE.sums(List.of("Should I buy gold?", "Or silver, maybe.",
                "Should I buy gold? Or silver, maybe."));
        for (int d = 0; d < TABLE.dimensions(); d++) {
            assertThat(s[2][d]).isCloseTo(s[0][d] + s[1][d], Offset.offset(1e-4f));
        }
    }

    @Test
    void theTableTakesUnderSixteenMegabytesAndAnEmptyTextHasNoVector() {
        assertThat(TABLE.bytes().length).isLessThan(16 << 20);
        assertThat(TABLE.sums(List.of("", "???"))[0]).containsOnly(0f);
    }
}
