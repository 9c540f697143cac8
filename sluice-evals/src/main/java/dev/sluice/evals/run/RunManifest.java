package dev.sluice.evals.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a run was: enough to reproduce and to compare it.
 *
 * @param runId unique id, also the folder name in a local store
 * @param suiteVersion {@code sha256:} of the suite file
 * @param datasetVersion {@code sha256:} of the dataset file
 * @param gateway the gateway base URL, or null (never the key)
 * @param targets each target's settings by target name
 * @param metrics the metrics in suite order
 * @param plannedResults cases x targets x repeats
 * @param finishedAt null while running or after a kill
 */
public record RunManifest(String runId, String suiteName, String suiteVersion, String datasetSource,
                          String datasetVersion, String gateway, Map<String, Map<String, Object>> targets,
                          List<MetricInfo> metrics, int plannedResults, Instant startedAt, Instant finishedAt) {

    public RunManifest finished(Instant at) {
        return new RunManifest(runId, suiteName, suiteVersion, datasetSource, datasetVersion, gateway, targets,
                metrics, plannedResults, startedAt, at);
    }
}
