package dev.sluice.evals.metric;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The local all-MiniLM-L6-v2 model, loaded in-process: paraphrases are close, unrelated sentences are not. */
class SemanticSimilarityTest {

    @Test
    void paraphrasesScoreHigherThanUnrelatedSentences() {
        LocalEmbedder embedder = new LocalEmbedder();
        float[] cat = embedder.apply("The cat sits on the mat.");
        double paraphrase = SemanticSimilarity.cosine(cat, embedder.apply("A cat is sitting on the mat."));
        double unrelated = SemanticSimilarity.cosine(cat, embedder.apply("Quarterly revenue fell by ten percent."));

        assertThat(cat).hasSize(384);
        assertThat(paraphrase).isGreaterThan(0.8);
        assertThat(unrelated).isLessThan(0.3);
    }

    @Test
    void cosineOfKnownVectors() {
        assertThat(SemanticSimilarity.cosine(new float[] {1, 0}, new float[] {0, 1})).isZero();
        assertThat(SemanticSimilarity.cosine(new float[] {1, 1}, new float[] {2, 2})).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(SemanticSimilarity.cosine(new float[] {0, 0}, new float[] {1, 1})).isZero();
    }
}
