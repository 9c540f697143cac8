package dev.sluice.evals.run;

import dev.sluice.evals.dataset.Dataset;
import dev.sluice.evals.spi.Scorer;
import dev.sluice.evals.suite.Suite;
import dev.sluice.evals.target.Target;
import java.util.List;
import java.util.Map;

/**
 * Everything one run needs.
 *
 * @param runId the run's id; when a run with this id exists its finished results are kept and skipped (resume)
 * @param scorers by metric name, in suite order
 * @param gateway the gateway base URL for the record, or null
 * @param useCache whether outputs may come from, and go to, the output cache
 */
public record RunPlan(String runId, Suite suite, Dataset dataset, List<Target> targets, Map<String, Scorer> scorers,
                      String gateway, boolean useCache) {

    public RunPlan {
        targets = List.copyOf(targets);
        scorers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scorers));
    }
}
