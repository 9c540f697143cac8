package dev.sluice.evals.spi;

import dev.sluice.evals.dataset.EvalCase;
import dev.sluice.evals.target.TargetOutput;
import java.util.List;

/**
 * What a scorer sees for one case.
 *
 * @param evalCase the dataset case (expected answer, variables, category, reference contexts)
 * @param prompt the prompt as rendered and sent to the target
 * @param output what the target answered, with timing, usage and cost
 */
public record ScoringInput(EvalCase evalCase, String prompt, TargetOutput output) {

    public String text() {
        return output.text() == null ? "" : output.text();
    }

    /** Contexts the target returned (RAG applications), else the dataset's reference contexts. */
    public List<String> contexts() {
        return output.contexts().isEmpty() ? evalCase.contexts() : output.contexts();
    }
}
