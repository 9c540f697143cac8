package dev.sluice.evals.metric;

import dev.sluice.evals.spi.Scorer;
import dev.sluice.evals.spi.ScorerContext;
import dev.sluice.evals.suite.MetricSpec;

/**
 * RAG metrics, each a judge with a fixed rubric over the question, the answer, the contexts (returned by the target,
 * else the dataset's reference contexts) and, for context recall, the reference answer. Options as {@link LlmJudge}.
 */
public final class RagMetrics {

    private RagMetrics() { }

    /** {@code faithfulness}: the answer's claims are supported by the contexts. */
    public static final class Faithfulness extends Fixed {
        public Faithfulness() { super("faithfulness"); }
    }

    /** {@code answer_relevancy}: the answer addresses the question. */
    public static final class AnswerRelevancy extends Fixed {
        public AnswerRelevancy() { super("answer_relevancy"); }
    }

    /** {@code context_precision}: the retrieved contexts are relevant to the question. */
    public static final class ContextPrecision extends Fixed {
        public ContextPrecision() { super("context_precision"); }
    }

    /** {@code context_recall}: the contexts contain what the reference answer says. */
    public static final class ContextRecall extends Fixed {
        public ContextRecall() { super("context_recall"); }
    }

    abstract static class Fixed extends LlmJudge {
        private final String rubric;

        Fixed(String rubric) {
            this.rubric = rubric;
        }

        @Override
        public String type() {
            return rubric;
        }

        @Override
        public Scorer create(MetricSpec spec, ScorerContext context) {
            return judgeScorer(spec, context, rubricNamed(spec, rubric));
        }
    }
}
