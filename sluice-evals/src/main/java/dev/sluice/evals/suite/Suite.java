package dev.sluice.evals.suite;

import java.nio.file.Path;
import java.util.List;

/**
 * A validated evaluation suite.
 *
 * @param name suite name
 * @param version {@code sha256:<hex>} of the suite file
 * @param dataset dataset file, resolved against the suite file's folder
 * @param prompt prompt template with {@code {{var}}} placeholders, or null to send each case's own prompt
 * @param targets at least one target, names unique
 * @param metrics at least one metric, names unique
 * @param repeats how many times each case is run per target (>= 1)
 * @param concurrency how many calls are in flight at once (>= 1)
 * @param gate gate rules, possibly empty
 */
public record Suite(String name, String version, Path dataset, String prompt, List<TargetSpec> targets,
                    List<MetricSpec> metrics, int repeats, int concurrency, List<GateRule> gate) {

    public Suite {
        targets = List.copyOf(targets);
        metrics = List.copyOf(metrics);
        gate = List.copyOf(gate);
    }
}
