package dev.sluice.evals.run;

import java.util.List;

/** A run with its results, as read from a store or a baseline file. */
public record EvalRun(RunManifest manifest, List<CaseResult> results) {

    public EvalRun {
        results = List.copyOf(results);
    }
}
