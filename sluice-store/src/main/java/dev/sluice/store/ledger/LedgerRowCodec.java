package dev.sluice.store.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import dev.sluice.store.internal.JournalCodec;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ledger rows as journal lines: one JSON object per row with the column names as keys. */
final class LedgerRowCodec implements JournalCodec<LedgerRow> {

    @Override
    public String encode(LedgerRow r) {
        ObjectNode o = Json.object();
        o.put("request_id", r.requestId()).put("started_at", r.startedAt().toString())
                .put("key_id", r.keyId()).put("team_id", r.teamId()).put("use_case_id", r.useCaseId())
                .put("environment", r.environment()).put("route", r.route()).put("model", r.model())
                .put("deployment", r.deployment()).put("provider", r.provider())
                .put("provider_type", r.providerType()).put("upstream_model", r.upstreamModel())
                .put("inbound_api", r.inboundApi()).put("operation", r.operation()).put("stream", r.stream())
                .put("status", r.status()).put("error_type", r.errorType()).put("error_message", r.errorMessage())
                .put("attempts", r.attempts()).put("input_tokens", r.inputTokens())
                .put("output_tokens", r.outputTokens()).put("cache_read_tokens", r.cacheReadTokens())
                .put("cache_write_tokens", r.cacheWriteTokens()).put("reasoning_tokens", r.reasoningTokens())
                .put("cost_usd", r.costUsd() == null ? null : r.costUsd().toPlainString())
                .put("latency_ms", r.latencyMs()).put("ttft_ms", r.ttftMs()).put("gateway_us", r.gatewayUs())
                .put("output_tokens_per_second", r.outputTokensPerSecond()).put("cache_hit", r.cacheHit())
                .put("stop_reason", r.stopReason()).put("response_id", r.responseId()).put("user_id", r.userId())
                .put("traceparent", r.traceparent());
        if (r.guardrail() != null) {
            var g = r.guardrail();
            o.put("guardrail_id", g.id()).put("guardrail_version", g.version()).put("guardrail_action", g.action())
                    .put("guardrail_findings", g.findings()).put("guardrail_us", g.latencyUs());
        }
        if (r.attemptLog() != null) {
            o.put("attempt_log", r.attemptLog());
        }
        ObjectNode tags = o.putObject("tags");
        r.tags().forEach(tags::put);
        return Json.text(o);
    }

    @Override
    public LedgerRow decode(String line) throws IOException {
        JsonNode o = Json.parse(line);
        Map<String, String> tags = new LinkedHashMap<>();
        o.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        return new LedgerRow(text(o, "request_id"), Instant.parse(o.get("started_at").asText()), text(o, "key_id"),
                text(o, "team_id"), text(o, "use_case_id"), text(o, "environment"), text(o, "route"),
                text(o, "model"), text(o, "deployment"), text(o, "provider"), text(o, "provider_type"),
                text(o, "upstream_model"), text(o, "inbound_api"), text(o, "operation"), o.path("stream").asBoolean(),
                o.path("status").asInt(), text(o, "error_type"), text(o, "error_message"),
                o.path("attempts").asInt(), o.path("input_tokens").asLong(), o.path("output_tokens").asLong(),
                o.path("cache_read_tokens").asLong(), o.path("cache_write_tokens").asLong(),
                o.path("reasoning_tokens").asLong(),
                text(o, "cost_usd") == null ? null : new BigDecimal(text(o, "cost_usd")),
                o.path("latency_ms").asDouble(), o.path("ttft_ms").isNumber() ? o.get("ttft_ms").asDouble() : null,
                o.path("gateway_us").asLong(), o.path("output_tokens_per_second").asDouble(),
                o.path("cache_hit").asBoolean(), text(o, "stop_reason"), text(o, "response_id"),
                text(o, "user_id"), tags, text(o, "traceparent"), text(o, "guardrail_id") == null ? null
                        : new LedgerRow.Guardrail(text(o, "guardrail_id"), text(o, "guardrail_version"),
                                text(o, "guardrail_action"), text(o, "guardrail_findings"),
                                o.path("guardrail_us").asLong()), text(o, "attempt_log"));
    }

    private static String text(JsonNode o, String key) {
        JsonNode n = o.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }
}
