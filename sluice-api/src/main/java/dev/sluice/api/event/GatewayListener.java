package dev.sluice.api.event;

import java.util.Map;

/**
 * Observes calls. The gateway invokes listeners on the request thread, in registration order: implementations must be
 * fast (hand work to a queue) and must never throw; a listener that throws is logged and skipped, never allowed to
 * fail a call. For one request id the order is: {@code onCallStart}, then per attempt {@code onAttemptStart} and
 * {@code onAttemptEnd}, {@code onFirstToken} at most once, and exactly one {@code onCallEnd}.
 */
public interface GatewayListener {

    default void onCallStart(CallStart start) { }

    /**
     * An upstream attempt is about to be sent. A listener may add headers to {@code forwardHeaders} (e.g. a W3C
     * {@code traceparent} naming its attempt span); they are sent upstream as they are.
     */
    default void onAttemptStart(AttemptStart attempt, Map<String, String> forwardHeaders) { }

    /** One upstream attempt ended, well or badly. */
    default void onAttemptEnd(AttemptRecord attempt) { }

    /** The first content of a stream reached the caller. */
    default void onFirstToken(String requestId, long ttftNanos) { }

    /** The call ended: every call that started ends exactly once, with success or failure. */
    default void onCallEnd(CallRecord call) { }
}
