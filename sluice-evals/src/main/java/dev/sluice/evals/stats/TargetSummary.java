package dev.sluice.evals.stats;

import java.util.Map;

/**
 * One target of a run.
 *
 * @param results results of this target; {@code failedCalls} of them got no output
 * @param p50LatencyMs median client-side latency over successful calls (NaN if none)
 * @param meanTtftMs mean time to first token over streamed calls (NaN if none)
 * @param metrics by metric name, in suite order
 */
public record TargetSummary(String target, int results, int failedCalls, double p50LatencyMs, double p95LatencyMs,
                            double meanTtftMs, double totalCostUsd, Map<String, MetricSummary> metrics,
                            int cachedOutputs) { }
