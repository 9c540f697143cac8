package dev.sluice.evals.spi;

import dev.sluice.evals.suite.MetricSpec;

/**
 * Creates scorers for one metric {@link #type()} named in suite YAML. Found with {@link java.util.ServiceLoader};
 * must have a public no-argument constructor. {@link #create} validates the metric's options and throws
 * {@link dev.sluice.api.error.GatewayException} (INVALID_REQUEST) naming the option at fault.
 */
public interface ScorerFactory {

    String type();

    Scorer create(MetricSpec spec, ScorerContext context);
}
