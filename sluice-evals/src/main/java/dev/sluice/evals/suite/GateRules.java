package dev.sluice.evals.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the {@code gate:} list. Each item is one of {@code {metric: M, min_mean: X}}, {@code {metric: M,
 * min_pass_rate: X}}, {@code {max_p95_latency_ms: X}}, {@code {max_cost_usd: X}} or {@code {no_regression: true,
 * metrics: [...], min_effect: X, alpha: X}}.
 */
final class GateRules {

    private GateRules() { }

    /** One rule as written: which kind it is follows from the keys it has. */
    record Entry(String metric, Double minMean, Double minPassRate, Double maxP95LatencyMs, Double maxCostUsd,
                 Boolean noRegression, List<String> metrics, Double minEffect, Double alpha) { }

    static List<GateRule> parse(Path file, JsonNode node, Set<String> metrics) {
        List<Entry> entries = dev.sluice.spi.ConfigBinder.bindList(node, Entry.class, SuiteLoader.where(file, "gate"));
        if (entries == null) {
            return List.of();
        }
        List<GateRule> rules = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            rules.add(rule(file, entries.get(i), "gate[" + i + "]", metrics));
        }
        return rules;
    }

    private static GateRule rule(Path file, Entry r, String key, Set<String> metrics) {
        if (r.minMean() != null || r.minPassRate() != null) {
            String metric = r.metric();
            if (metric == null || !metrics.contains(metric)) {
                throw SuiteLoader.bad(file, key + ".metric", "must name one of the suite's metrics " + metrics
                        + ", got " + metric);
            }
            return r.minMean() != null ? new GateRule.MinMean(metric, r.minMean())
                    : new GateRule.MinPassRate(metric, r.minPassRate());
        }
        if (r.maxP95LatencyMs() != null) {
            return new GateRule.MaxP95Latency(r.maxP95LatencyMs());
        }
        if (r.maxCostUsd() != null) {
            return new GateRule.MaxCost(r.maxCostUsd());
        }
        if (r.noRegression() != null) {
            List<String> names = r.metrics() == null ? List.of() : r.metrics();
            for (String n : names) {
                if (!metrics.contains(n)) {
                    throw SuiteLoader.bad(file, key + ".metrics", "unknown metric '" + n + "'");
                }
            }
            return new GateRule.NoRegression(names, r.minEffect() == null ? 0.05 : r.minEffect(),
                    r.alpha() == null ? 0.05 : r.alpha());
        }
        throw SuiteLoader.bad(file, key, "unknown rule; use min_mean, min_pass_rate, max_p95_latency_ms, "
                + "max_cost_usd or no_regression");
    }
}
