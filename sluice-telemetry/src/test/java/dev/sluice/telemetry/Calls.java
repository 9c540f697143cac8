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

    /** An attempt made for {@code reason} (retry, fallback, ...). */
    static AttemptRecord attemptEnd(String id, int number, String deployment, String providerType,
                                    String upstreamModel, long offsetMs, long durationMs, ErrorType error,
                                    String reason) {
        AttemptRecord a = attemptEnd(id, number, deployment, providerType, upstreamModel, offsetMs, durationMs, error);
        return new AttemptRecord(a.requestId(), a.number(), a.deployment(), a.providerId(), a.providerType(),
                a.upstreamModel(), a.startedAt(), a.durationNanos(), a.status(), a.errorType(), a.errorMessage(),
                reason);
    }

    static CallRecord success(String id, String model, String providerType, String upstreamModel, boolean stream,
                              Usage usage, long latencyMs, long ttftMs) {
        return new CallRecord(new CallRecord.Identity(id, T0, null),
                new CallRecord.Request("openai", "chat", null, model, stream, null, Map.of()),
                new CallRecord.Routing(null, "dep-a", "dep-a-provider", providerType, upstreamModel, 1),
                new CallRecord.Outcome(200, null, null, StopReason.END_TURN, "resp-123", false, usage),
                new CallRecord.Timing(latencyMs * MS, ttftMs * MS, 2 * MS));
    }

    static CallRecord failure(String id, String model, ErrorType error, String providerType, int attempts) {
        return new CallRecord(new CallRecord.Identity(id, T0, null),
                new CallRecord.Request("openai", "chat", null, model, false, null, Map.of()),
                new CallRecord.Routing(null, providerType == null ? null : "dep-a",
                        providerType == null ? null : "dep-a-provider", providerType, null, attempts),
                new CallRecord.Outcome(error.defaultStatus(), error, "it failed", null, null, false, Usage.EMPTY),
                new CallRecord.Timing(30 * MS, -1, 1 * MS));
    }
}
