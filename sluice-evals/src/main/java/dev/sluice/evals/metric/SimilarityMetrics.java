package dev.sluice.evals.metric;

import dev.sluice.evals.spi.Score;
import dev.sluice.evals.spi.Scorer;
import dev.sluice.evals.spi.ScorerContext;
import dev.sluice.evals.spi.ScorerFactory;
import dev.sluice.evals.suite.MetricSpec;

/** Reference-based similarity scores in 0..1 against the case's expected answer (or option {@code value}). */
public final class SimilarityMetrics {

    private SimilarityMetrics() { }

    /** {@code levenshtein}: 1 - edit distance / longer length, on trimmed text ({@code ignore_case} optional). */
    public static final class Levenshtein implements ScorerFactory {
        @Override public String type() { return "levenshtein"; }

        @Override public Scorer create(MetricSpec spec, ScorerContext context) {
            boolean ignoreCase = spec.flag("ignore_case", false);
            return withReference(spec, (got, want) -> ignoreCase
                    ? TextSimilarity.levenshteinSimilarity(got.trim().toLowerCase(), want.trim().toLowerCase())
                    : TextSimilarity.levenshteinSimilarity(got.trim(), want.trim()));
        }
    }

    /** {@code rouge_l}: ROUGE-L F1 over lower-cased word tokens. */
    public static final class RougeL implements ScorerFactory {
        @Override public String type() { return "rouge_l"; }

        @Override public Scorer create(MetricSpec spec, ScorerContext context) {
            return withReference(spec, (got, want) -> TextSimilarity.rougeL(Tokens.of(got), Tokens.of(want)));
        }
    }

    /** {@code bleu}: sentence BLEU, options {@code max_n} (4) and {@code smooth} (true). */
    public static final class Bleu implements ScorerFactory {
        @Override public String type() { return "bleu"; }

        @Override public Scorer create(MetricSpec spec, ScorerContext context) {
            int maxN = spec.options().path("max_n").asInt(4);
            boolean smooth = spec.flag("smooth", true);
            return withReference(spec, (got, want) -> TextSimilarity.bleu(Tokens.of(got), Tokens.of(want), maxN,
                    smooth));
        }
    }

    static Scorer withReference(MetricSpec spec, java.util.function.ToDoubleBiFunction<String, String> f) {
        return in -> {
            try {
                return Score.of(f.applyAsDouble(in.text(), TextMatchMetrics.expected(spec, in)));
            } catch (TextMatchMetrics.MissingReference e) {
                return Score.failed(e.getMessage());
            }
        };
    }
}
