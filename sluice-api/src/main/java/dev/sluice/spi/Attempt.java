package dev.sluice.spi;

import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One try of one deployment, as a provider sees it. Every method is called, and every callback runs, on the call's
 * own thread: the event loop that read the caller's request ({@link #loop()}).
 *
 * <p>The engine enforces the deployment's first-token and total timeouts with timers on that loop: when one expires,
 * or the caller goes away, it cancels the attempt, which runs every {@link #onCancel} action (aborting the upstream
 * exchange, stopping a simulated answer) and reports the timeout or the departure, whatever the provider then does.
 */
public interface Attempt {

    Deployment deployment();

    String requestId();

    /** Headers to pass upstream as they are (W3C {@code traceparent}, {@code tracestate}); never secrets. */
    Map<String, String> forwardHeaders();

    /** True once a timeout or the caller's departure cancelled this attempt. */
    boolean cancelled();

    /** Runs {@code action} on the call's thread when the attempt is cancelled; at once when it already is. */
    void onCancel(Runnable action);

    /**
     * The event loop the call runs on. Work submitted or scheduled here runs on the call's own thread, so it needs no
     * locking against the rest of the call; it must never block.
     */
    ScheduledExecutorService loop();

    /** The caller's side of a streamed answer, for flow control; always writable for whole answers. */
    Downstream downstream();
}
