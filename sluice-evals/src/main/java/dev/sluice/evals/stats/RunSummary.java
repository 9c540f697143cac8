package dev.sluice.evals.stats;

import dev.sluice.evals.run.EvalRun;
import java.util.List;

/**
 * The statistics of a run, and of its comparison with a baseline when one was given.
 *
 * @param baselineRunId null without a baseline
 * @param comparisons empty without a baseline
 * @param warnings human-readable cautions (too few pairs, unscored cases...)
 */
public record RunSummary(EvalRun run, List<TargetSummary> targets, String baselineRunId, List<Comparison> comparisons,
                         List<String> warnings) {

    public RunSummary {
        targets = List.copyOf(targets);
        comparisons = List.copyOf(comparisons);
        warnings = List.copyOf(warnings);
    }
}
