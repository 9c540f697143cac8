package dev.sluice.api.event;

import java.time.Instant;

/**
 * A call was accepted and is about to be routed.
 *
 * @param traceparent the caller's W3C {@code traceparent} header, or null
 * @param tracestate the caller's W3C {@code tracestate} header, or null
 */
public record CallStart(String requestId, Instant startedAt, String inboundApi, String operation, Caller caller,
                        String model, boolean stream, String traceparent, String tracestate) { }
