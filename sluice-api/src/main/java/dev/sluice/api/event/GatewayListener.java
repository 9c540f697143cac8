package dev.sluice.api.event;

/**
 * Observes calls. The gateway invokes listeners on the request thread: implementations must be fast (hand the record
 * to a queue) and must never throw; a listener that throws is logged and skipped, never allowed to fail a call.
 */
public interface GatewayListener {

    /** A call was accepted and is about to be routed. */
    default void onCallStart(String requestId, String inboundApi, String model, boolean stream) { }

    /** One upstream attempt ended, well or badly. */
    default void onAttemptEnd(AttemptRecord attempt) { }

    /** The first content of a stream reached the caller. */
    default void onFirstToken(String requestId, long ttftNanos) { }

    /** The call ended: every call that started ends exactly once, with success or failure. */
    default void onCallEnd(CallRecord call) { }
}
