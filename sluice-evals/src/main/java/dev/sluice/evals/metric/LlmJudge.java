package dev.sluice.evals.metric;

import dev.sluice.api.error.GatewayException;
import dev.sluice.evals.spi.JudgeClient;
import dev.sluice.evals.spi.Score;
import dev.sluice.evals.spi.Scorer;
import dev.sluice.evals.spi.ScorerContext;
import dev.sluice.evals.spi.ScorerFactory;
import dev.sluice.evals.spi.ScoringInput;
import dev.sluice.evals.suite.MetricSpec;

/**
 * {@code llm_judge}: a judge model, called through the gateway, rates each output with a rubric. Options:
 * {@code judge} (model, required; a suite-level {@code judge:} is the default), {@code rubric} (a built-in name, see
 * {@link Rubric#BUILT_IN}) or {@code criteria} (custom instructions), {@code scale} ({@code [min, max]}, default
 * {@code [1, 5]}). The score is normalised to 0..1. A judge call that fails or an answer without a readable score
 * becomes that case's scoring error, never a silent gap.
 */
public class LlmJudge implements ScorerFactory {

    static final String SYSTEM = "You are a careful, impartial evaluator of answers produced by an AI system. Judge "
            + "only what is asked. Think briefly, then give your rating on the last line exactly as: SCORE: <number>";

    @Override
    public String type() {
        return "llm_judge";
    }

    @Override
    public Scorer create(MetricSpec spec, ScorerContext context) {
        String rubricName = spec.text("rubric", null);
        Rubric rubric;
        if (spec.text("criteria", null) != null) {
            rubric = new Rubric(spec.name(), spec.text("criteria", null), spec.flag("use_reference", false),
                    spec.flag("use_contexts", false));
        } else {
            rubric = rubricNamed(spec, rubricName == null ? defaultRubric() : rubricName);
        }
        return judgeScorer(spec, context, rubric);
    }

    /** The rubric used when the metric names none; RAG metric types fix their own. */
    protected String defaultRubric() {
        return "correctness";
    }

    static Rubric rubricNamed(MetricSpec spec, String name) {
        Rubric r = Rubric.BUILT_IN.get(name);
        if (r == null) {
            throw GatewayException.invalid("metric '" + spec.name() + "': unknown rubric '" + name + "'; built-in: "
                    + new java.util.TreeSet<>(Rubric.BUILT_IN.keySet()) + ", or give 'criteria'",
                    "metrics." + spec.name() + ".rubric");
        }
        return r;
    }

    static Scorer judgeScorer(MetricSpec spec, ScorerContext context, Rubric rubric) {
        String model = spec.require("judge");
        int min = spec.options().path("scale").path(0).asInt(1);
        int max = spec.options().path("scale").path(1).asInt(5);
        if (max <= min) {
            throw GatewayException.invalid("metric '" + spec.name() + "': scale must be [min, max] with max > min",
                    "metrics." + spec.name() + ".scale");
        }
        JudgeClient judge = context.judge();
        if (judge == null) {
            throw GatewayException.invalid("metric '" + spec.name() + "' needs a gateway to call the judge model",
                    "metrics." + spec.name());
        }
        return in -> {
            String missing = missing(rubric, in);
            if (missing != null) {
                return Score.failed(missing);
            }
            String answer;
            try {
                answer = judge.ask(model, SYSTEM, prompt(rubric, in, min, max));
            } catch (GatewayException e) {
                return Score.failed("judge '" + model + "' failed: " + e.getMessage());
            }
            Double v = JudgeVerdictParser.parse(answer, min, max);
            if (v == null) {
                String head = answer.length() > 120 ? answer.substring(0, 120) + "..." : answer;
                return Score.failed("judge answer has no score in " + min + ".." + max + ": " + head.strip());
            }
            return Score.of((v - min) / (max - min), answer.strip());
        };
    }

    private static String missing(Rubric rubric, ScoringInput in) {
        if (rubric.needsReference() && in.evalCase().expected() == null) {
            return "case '" + in.evalCase().id() + "' has no reference answer for rubric " + rubric.name();
        }
        if (rubric.needsContexts() && in.contexts().isEmpty()) {
            return "case '" + in.evalCase().id() + "' has no contexts for rubric " + rubric.name();
        }
        return null;
    }

    static String prompt(Rubric rubric, ScoringInput in, int min, int max) {
        StringBuilder b = new StringBuilder();
        b.append("CRITERIA: ").append(rubric.criteria()).append("\nRate on a whole-number scale from ").append(min)
                .append(" (worst) to ").append(max).append(" (best).\n\nQUESTION:\n").append(in.prompt()).append('\n');
        if (rubric.needsContexts()) {
            b.append("\nCONTEXTS:\n");
            for (int i = 0; i < in.contexts().size(); i++) {
                b.append('[').append(i + 1).append("] ").append(in.contexts().get(i)).append('\n');
            }
        }
        if (rubric.needsReference()) {
            b.append("\nREFERENCE:\n").append(in.evalCase().expected()).append('\n');
        }
        b.append("\nANSWER:\n").append(in.text()).append("\n\nEnd with the line SCORE: <number from ").append(min)
                .append(" to ").append(max).append(">.");
        return b.toString();
    }
}
