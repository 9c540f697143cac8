package dev.sluice.evals.metric;

import dev.sluice.evals.spi.Score;
import dev.sluice.evals.spi.Scorer;
import dev.sluice.evals.spi.ScorerContext;
import dev.sluice.evals.spi.ScorerFactory;
import dev.sluice.evals.suite.MetricSpec;

/**
 * {@code semantic_similarity}: cosine similarity of the output's and the reference's embeddings from the local
 * embedding model (no network). Default pass threshold 0.8.
 */
public final class SemanticSimilarity implements ScorerFactory {

    @Override
    public String type() {
        return "semantic_similarity";
    }

    @Override
    public Scorer create(MetricSpec spec, ScorerContext context) {
        return new Scorer() {
            @Override
            public Score score(dev.sluice.evals.spi.ScoringInput in) {
                String want;
                try {
                    want = TextMatchMetrics.expected(spec, in);
                } catch (TextMatchMetrics.MissingReference e) {
                    return Score.failed(e.getMessage());
                }
                return Score.of(cosine(context.embedder().apply(in.text()), context.embedder().apply(want)));
            }

            @Override
            public double defaultThreshold() {
                return 0.8;
            }
        };
    }

    /** Cosine similarity of two vectors of equal length; 0 when either is all zeros. */
    public static double cosine(float[] a, float[] b) {
        return dev.sluice.guardrails.topics.Embedder.cosine(a, b);
    }
}
