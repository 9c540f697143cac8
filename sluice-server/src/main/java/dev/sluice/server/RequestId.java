package dev.sluice.server;

import dev.sluice.api.event.RequestIds;
import java.time.Instant;

/**
 * A request's id, sent back as {@code x-request-id} on every answer, and its arrival: on the monotonic clock for
 * durations, on the wall clock for the ledger.
 */
public record RequestId(String value, long startNanos, Instant startedAt) {

    /** A new id for a request arriving now. */
    public static RequestId now() {
        long nanos = System.nanoTime();
        Instant startedAt = Instant.now();
        return new RequestId(RequestIds.next(startedAt.toEpochMilli()), nanos, startedAt);
    }
}
