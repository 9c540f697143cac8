package dev.sluice.store;

import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.event.CallRecord;
import dev.sluice.api.event.Caller;
import dev.sluice.api.event.RequestIds;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Call records for tests. */
public final class Calls {

    private Calls() { }

    /** A successful chat call with every field set. */
    public static CallRecord full(String requestId, Instant startedAt) {
        return new CallRecord(
                new CallRecord.Identity(requestId, startedAt,
                        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
                new CallRecord.Request("openai", "chat", new Caller("key-1", "team-a", "uc-support", "prod"), "gpt-4o",
                        true, "user-42", Map.of("team", "blue", "feature", "summary")),
                new CallRecord.Routing("smart", "gpt-4o-east", "openai-east", "openai", "gpt-4o-2024-08-06", 2),
                new CallRecord.Outcome(200, null, null, StopReason.END_TURN, "chatcmpl-123", false,
                        new Usage(1200, 300, 200, 0, 50)),
                new CallRecord.Timing(Duration.ofMillis(1500).toNanos(), Duration.ofMillis(250).toNanos(),
                        Duration.ofMillis(3).toNanos()));
    }

    /** A simple call for load tests. */
    public static CallRecord simple(String keyId, String model, Instant startedAt, long latencyMs, long ttftMs,
                                    ErrorType error) {
        return new CallRecord(
                new CallRecord.Identity(RequestIds.next(startedAt.toEpochMilli()), startedAt, null),
                new CallRecord.Request("openai", "chat", new Caller(keyId, "team-" + keyId, "uc-" + keyId, null), model,
                        false, null, Map.of()),
                new CallRecord.Routing(null, model + "-dep", "p1", "openai", model, 1),
                new CallRecord.Outcome(error == null ? 200 : error.defaultStatus(), error,
                        error == null ? null : "upstream said no", StopReason.END_TURN, "resp-1", false,
                        Usage.of(100, 20)),
                new CallRecord.Timing(Duration.ofMillis(latencyMs).toNanos(),
                        ttftMs < 0 ? -1 : Duration.ofMillis(ttftMs).toNanos(), 1000));
    }

    public static CallRecord simple(String keyId, Instant startedAt) {
        return simple(keyId, "gpt-4o-mini", startedAt, 100, 50, null);
    }
}
