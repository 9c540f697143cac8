package dev.sluice.store.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.event.AttemptRecord;
import dev.sluice.api.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A call's attempts in the ledger's {@code attempt_log} column: a JSON array of {@code {number, deployment, provider,
 * provider_type, upstream_model, started_at, latency_ms, status, error_type, error_message, reason}}, in order, and
 * {@code input_tokens} and {@code output_tokens} on an attempt whose answer was dropped (its tokens are in the row's).
 * A call whose only attempt was made for no special reason (no retry, no fallback) stores none: its row's columns
 * already say it, so the common call costs the writer nothing more. Stateless.
 */
final class AttemptLog {

    private AttemptLog() { }

    /** Whether {@code attempts} need the column: more than one, or one made as a fallback. */
    static boolean itemised(List<AttemptRecord> attempts) {
        return attempts.size() > 1 || (attempts.size() == 1 && attempts.getFirst().reason() != null);
    }

    /** The column's JSON text, or null when the attempts are not {@linkplain #itemised itemised}. */
    static String json(List<AttemptRecord> attempts) {
        if (!itemised(attempts)) {
            return null;
        }
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (AttemptRecord a : attempts) {
            ObjectNode o = array.addObject();
            o.put("number", a.number()).put("deployment", a.deployment()).put("provider", a.providerId())
                    .put("provider_type", a.providerType()).put("upstream_model", a.upstreamModel())
                    .put("started_at", a.startedAt() == null ? null : a.startedAt().toString())
                    .put("latency_ms", a.durationNanos() / 1e6).put("status", a.status())
                    .put("error_type", a.errorType() == null ? null : a.errorType().name().toLowerCase(Locale.ROOT))
                    .put("error_message", a.errorMessage()).put("reason", a.reason());
            if (a.usage() != null) {
                o.put("input_tokens", a.usage().inputTokens()).put("output_tokens", a.usage().outputTokens());
            }
        }
        return Json.text(array);
    }

    /**
     * What the admin API shows for a row: its stored log, or, when none was stored and the call made an attempt, that
     * one attempt told from the row's columns (its latency is the call's minus the gateway's own time).
     */
    static JsonNode shown(JsonNode stored, Map<String, Object> row) {
        if (stored != null) {
            return stored;
        }
        ArrayNode array = Json.MAPPER.createArrayNode();
        Object attempts = row.get("attempts");
        if (!(attempts instanceof Number n) || n.intValue() < 1 || row.get("deployment") == null) {
            return array;
        }
        double latency = ((Number) row.get("latency_ms")).doubleValue()
                - ((Number) row.get("gateway_us")).longValue() / 1e3;
        array.addObject().put("number", n.intValue()).put("deployment", (String) row.get("deployment"))
                .put("provider", (String) row.get("provider")).put("provider_type", (String) row.get("provider_type"))
                .put("upstream_model", (String) row.get("upstream_model"))
                .put("started_at", (String) row.get("started_at")).put("latency_ms", Math.max(0, latency))
                .put("status", ((Number) row.get("status")).intValue())
                .put("error_type", (String) row.get("error_type")).put("error_message", (String) row.get("error_message"))
                .putNull("reason");
        return array;
    }
}
