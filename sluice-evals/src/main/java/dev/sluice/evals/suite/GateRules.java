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

    static List<GateRule> parse(Path file, JsonNode node, Set<String> metrics) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw SuiteLoader.bad(file, "gate", "must be a list of rules");
        }
        List<GateRule> rules = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            rules.add(rule(file, node.get(i), "gate[" + i + "]", metrics));
        }
        return rules;
    }

    private static GateRule rule(Path file, JsonNode r, String key, Set<String> metrics) {
        if (r.has("min_mean") || r.has("min_pass_rate")) {
            String metric = r.path("metric").asText(null);
            if (metric == null || !metrics.contains(metric)) {
                throw SuiteLoader.bad(file, key + ".metric", "must name one of the suite's metrics " + metrics
                        + ", got " + metric);
            }
            return r.has("min_mean") ? new GateRule.MinMean(metric, number(file, r, key, "min_mean"))
                    : new GateRule.MinPassRate(metric, number(file, r, key, "min_pass_rate"));
        }
        if (r.has("max_p95_latency_ms")) {
            return new GateRule.MaxP95Latency(number(file, r, key, "max_p95_latency_ms"));
        }
        if (r.has("max_cost_usd")) {
            return new GateRule.MaxCost(number(file, r, key, "max_cost_usd"));
        }
        if (r.has("no_regression")) {
            List<String> names = new ArrayList<>();
            r.path("metrics").forEach(m -> names.add(m.asText()));
            for (String n : names) {
                if (!metrics.contains(n)) {
                    throw SuiteLoader.bad(file, key + ".metrics", "unknown metric '" + n + "'");
                }
            }
            double minEffect = r.has("min_effect") ? number(file, r, key, "min_effect") : 0.05;
            double alpha = r.has("alpha") ? number(file, r, key, "alpha") : 0.05;
            return new GateRule.NoRegression(names, minEffect, alpha);
        }
        throw SuiteLoader.bad(file, key, "unknown rule; use min_mean, min_pass_rate, max_p95_latency_ms, "
                + "max_cost_usd or no_regression");
    }

    private static double number(Path file, JsonNode r, String key, String field) {
        JsonNode v = r.get(field);
        if (!v.isNumber()) {
            throw SuiteLoader.bad(file, key + "." + field, "must be a number, got " + v);
        }
        return v.asDouble();
    }
}
