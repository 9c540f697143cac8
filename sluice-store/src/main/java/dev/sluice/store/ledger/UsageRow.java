package dev.sluice.store.ledger;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Usage of one group (a key, team, use case, model or UTC day).
 *
 * @param group the group's value, null for calls without one (e.g. no team)
 * @param costUsd sum of known costs
 * @param p50LatencyMs null when the group is empty; likewise for the other percentiles
 * @param errorRate failed calls / calls, 0..1
 * @param meanScore mean feedback score, null without feedback
 */
public record UsageRow(String group, long requests, long inputTokens, long outputTokens, BigDecimal costUsd,
                       Double p50LatencyMs, Double p95LatencyMs, Double p50TtftMs, Double p95TtftMs,
                       double errorRate, long feedbackCount, BigDecimal meanScore) {

    /** Column name to value, in the order of the export columns. */
    public Map<String, Object> toMap(GroupBy groupBy) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(groupBy.wireName(), group);
        m.put("requests", requests);
        m.put("input_tokens", inputTokens);
        m.put("output_tokens", outputTokens);
        m.put("cost_usd", costUsd);
        m.put("p50_latency_ms", p50LatencyMs);
        m.put("p95_latency_ms", p95LatencyMs);
        m.put("p50_ttft_ms", p50TtftMs);
        m.put("p95_ttft_ms", p95TtftMs);
        m.put("error_rate", errorRate);
        m.put("feedback_count", feedbackCount);
        m.put("mean_score", meanScore);
        return m;
    }
}
