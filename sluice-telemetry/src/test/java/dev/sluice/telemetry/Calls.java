package dev.sluice.telemetry;

import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.event.AttemptRecord;
import dev.sluice.api.event.AttemptStart;
import dev.sluice.api.event.CallRecord;
import dev.sluice.api.event.CallStart;
import java.time.Instant;
import java.util.Map;

/** Synthetic gateway events for tests. */
final class Calls {

    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.000000006Z");
    static final long MS = 1_000_000L;

    private Calls() { }

    static CallStart start(String id, String model, boolean stream, String traceparent) {
        return new CallStart(id, T0, "openai", "chat", null, model, stream, traceparent, traceparent == null ? null
                : "vendor=abc");
    }

    static AttemptStart attemptStart(String id, int number, String deployment, String providerType,
                                     String upstreamModel, long offsetMs) {
        return new AttemptStart(id, number, deployment, deployment + "-provider", providerType, upstreamModel,
                T0.plusMillis(offsetMs));
    }

    static AttemptRecord attemptEnd(String id, int number, String deployment, String providerType,
                                    String upstreamModel, long offsetMs, long durationMs, ErrorType error) {
        return new AttemptRecord(id, number, deployment, deployment + "-provider", providerType, upstreamModel,
                T0.plusMillis(offsetMs), durationMs * MS, error == null ? 200 : error.defaultStatus(), error,
                error == null ? null : "upstream said no");
    }

    static CallRecord success(String id, String model, String providerType, String upstreamModel, boolean stream,
                              Usage usage, long latencyMs, long ttftMs) {
        return new CallRecord(id, T0, "openai", "chat", null, model, null, "dep-a", "dep-a-provider", providerType,
                upstreamModel, stream, 200, null, null, 1, usage, latencyMs * MS, ttftMs * MS, 2 * MS,
                StopReason.END_TURN, "resp-123", false, null, Map.of(), null);
    }

    static CallRecord failure(String id, String model, ErrorType error, String providerType, int attempts) {
        return new CallRecord(id, T0, "openai", "chat", null, model, null, providerType == null ? null : "dep-a",
                providerType == null ? null : "dep-a-provider", providerType, null, false, error.defaultStatus(),
                error, "it failed", attempts, Usage.EMPTY, 30 * MS, -1, 1 * MS, null, null, false, null, Map.of(),
                null);
    }
}
