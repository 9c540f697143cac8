package dev.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.access.KeyGuardrail;
import dev.sluice.api.json.Json;
import dev.sluice.gateway.guardrails.GuardrailRef;
import dev.sluice.spi.ConfigBinder;
import dev.sluice.store.access.Grant;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * The admin API's bodies for teams, use cases and keys, bound with the config's binder: an unknown field, a value of
 * the wrong kind or out of range is a {@link ConfigBinder.Invalid}-style fault naming the field ({@code limits.rpm}),
 * which {@link AccessRoutes} answers with 400. Absent fields are null (for an update: unchanged).
 */
final class AccessBodies {

    static final String WHERE = "request";
    private static final Set<String> PERIODS = Set.of("day", "week", "month", "total");

    private AccessBodies() { }

    /** {@code limits}: requests and tokens per minute, calls at once; each optional, each at least 1. */
    record Limits(Long rpm, Long tpm, Long maxConcurrent) {
        Limits {
            positive(rpm, "rpm");
            positive(tpm, "tpm");
            positive(maxConcurrent, "max_concurrent");
        }

        ObjectNode toJson() {
            ObjectNode o = Json.object();
            if (rpm != null) {
                o.put("rpm", rpm);
            }
            if (tpm != null) {
                o.put("tpm", tpm);
            }
            if (maxConcurrent != null) {
                o.put("max_concurrent", maxConcurrent);
            }
            return o;
        }
    }

    /** {@code budget}: a limit in US dollars per period. */
    record Budget(Double limitUsd, String period) {
        Budget {
            if (limitUsd == null || !(limitUsd > 0) || limitUsd.isInfinite()) {
                throw new ConfigBinder.Invalid("limit_usd", "must be a number of dollars above 0");
            }
            if (period == null || !PERIODS.contains(period)) {
                throw new ConfigBinder.Invalid("period", "must be one of day, week, month, total");
            }
        }

        ObjectNode toJson() {
            return Json.object().put("limit_usd", limitUsd).put("period", period);
        }
    }

    /** A team or a use case; {@code team} only for a use case. */
    record Owned(String name, String team, String description, String owner, List<String> models, Limits limits,
                 Budget budget, ObjectNode metadata) { }

    /** A key; {@code guardrail: null} on an update removes the key's guardrail. */
    record Key(String name, String team, String useCase, String environment, List<String> models, String expiresAt,
               Limits limits, Budget budget, ObjectNode metadata, Guardrail guardrail) { }

    /**
     * {@code guardrail}: a guardrail version, as the config names one ({@code {id, version}}); no version means
     * {@code DRAFT}, as in the config. Whether it exists is checked by {@link AccessRoutes}.
     */
    record Guardrail(String id, String version) {
        Guardrail {
            if (!GuardrailRef.validId(id)) {
                throw new ConfigBinder.Invalid("id", id == null ? "is required"
                        : "must be 1 to 64 lowercase letters and digits, not '" + id + "'");
            }
            version = version == null ? GuardrailRef.DRAFT : version;
            if (!GuardrailRef.validVersion(version)) {
                throw new ConfigBinder.Invalid("version", "must be DRAFT or a version number from 1, not '" + version
                        + "'");
            }
        }

        KeyGuardrail toKey() {
            return new KeyGuardrail(id, version);
        }
    }

    /** A rotation: how long the old secret keeps working. */
    record Rotation(Long graceSeconds) {
        Rotation {
            if (graceSeconds != null && (graceSeconds < 0 || graceSeconds > 30L * 86_400)) {
                throw new ConfigBinder.Invalid("grace_seconds", "must be from 0 to 2592000 (30 days)");
            }
        }
    }

    static <T> T bind(JsonNode body, Class<T> type) {
        T bound = ConfigBinder.bind(body, type, WHERE);
        if (bound == null) {
            throw new ConfigBinder.Invalid("", "the body must be a JSON object");
        }
        return bound;
    }

    /** The grant a body gives, over {@code before} (an update keeps what the body leaves out). */
    static Grant grant(List<String> models, Limits limits, Budget budget, ObjectNode metadata, Grant before) {
        return new Grant(models != null ? models : before.models(),
                limits != null ? limits.toJson() : before.limits(),
                budget != null ? budget.toJson() : before.budget(),
                metadata != null ? metadata : before.metadata());
    }

    static Instant instant(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ConfigBinder.Invalid(field, "must be a time such as 2027-01-31T00:00:00Z");
        }
    }

    /** At most ten billion per minute: a token bucket refills at most one token a nanosecond. */
    static final long MAX_PER_MINUTE = 10_000_000_000L;

    private static void positive(Long v, String key) {
        if (v != null && (v < 1 || v > MAX_PER_MINUTE)) {
            throw new ConfigBinder.Invalid(key, "must be from 1 to " + MAX_PER_MINUTE);
        }
    }
}
