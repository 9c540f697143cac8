package dev.sluice.gateway.engine;

import dev.sluice.spi.Attempt;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.Downstream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's side of an {@link Attempt}: its timers and its cancellation. The first-token and total timeouts are
 * timers on the call's own event loop, so they fire on the thread that runs the call and never race with it; arming
 * and disarming one touches only that loop's timer queue. Confined to the call's thread.
 */
final class AttemptHandle implements Attempt {

    private static final Logger LOG = LoggerFactory.getLogger(AttemptHandle.class);

    /**
     * Why an attempt was cancelled. STOPPED: the gateway has all it needs from the upstream (the output guardrail
     * blocked the answer), so the exchange is closed and the attempt ends as it is, not as a failure.
     */
    enum Cause { TIMEOUT, CALLER_GONE, STOPPED }

    private final Deployment deployment;
    private final String requestId;
    private final Map<String, String> forwardHeaders;
    private final ScheduledExecutorService loop;
    private final Downstream downstream;
    private final int number;
    private final long startNanos;
    private final java.time.Instant startedAt = java.time.Instant.now();
    private final List<Runnable> onCancel = new ArrayList<>(2);
    private Cause cause;
    private String reason;
    /** Why the gateway made this attempt ({@link dev.sluice.api.event.AttemptRecord#reason()}); null for a first. */
    String why;
    private ScheduledFuture<?> firstTokenTimer;
    private ScheduledFuture<?> totalTimer;

    AttemptHandle(Deployment deployment, String requestId, Map<String, String> forwardHeaders,
                  ScheduledExecutorService loop, Downstream downstream, int number, long startNanos) {
        this.number = number;
        this.startNanos = startNanos;
        this.deployment = deployment;
        this.requestId = requestId;
        this.forwardHeaders = forwardHeaders;
        this.loop = loop;
        this.downstream = downstream;
    }

    @Override public Deployment deployment() { return deployment; }

    @Override public String requestId() { return requestId; }

    @Override public Map<String, String> forwardHeaders() { return forwardHeaders; }

    @Override public boolean cancelled() { return cause != null; }

    @Override public ScheduledExecutorService loop() { return loop; }

    @Override public Downstream downstream() { return downstream; }

    @Override
    public void onCancel(Runnable action) {
        if (cause != null) {
            run(action);
        } else {
            onCancel.add(action);
        }
    }

    int number() { return number; }

    long startNanos() { return startNanos; }

    java.time.Instant startedAt() { return startedAt; }

    /** Why the attempt was cancelled, or null. */
    Cause cause() { return cause; }

    /** The human-readable reason of the cancellation, or null. */
    String reason() { return reason; }

    void cancel(Cause why, String text) {
        if (cause != null) {
            return;
        }
        cause = why;
        reason = text;
        disarm();
        for (Runnable r : onCancel) {
            run(r);
        }
        onCancel.clear();
    }

    /** Arms the timeouts; the total one ends no later than {@code deadlineNanos} (a route's), unless that is 0. */
    void arm(boolean stream, long deadlineNanos) {
        var t = deployment.timeouts();
        long total = t.total().toNanos();
        if (deadlineNanos != 0 && deadlineNanos - startNanos < total) {
            long left = Math.max(0, deadlineNanos - startNanos);
            totalTimer = loop.schedule(() -> cancel(Cause.TIMEOUT, "no complete answer within the route's deadline"),
                    left, TimeUnit.NANOSECONDS);
        } else {
            totalTimer = loop.schedule(() -> cancel(Cause.TIMEOUT, "no complete answer within "
                    + t.total().toMillis() + " ms (total timeout)"), total, TimeUnit.NANOSECONDS);
        }
        if (stream) {
            firstTokenTimer = loop.schedule(() -> cancel(Cause.TIMEOUT, "no first token within "
                    + t.firstToken().toMillis() + " ms (first-token timeout)"), t.firstToken().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    void firstTokenArrived() {
        if (firstTokenTimer != null) {
            firstTokenTimer.cancel(false);
            firstTokenTimer = null;
        }
    }

    void disarm() {
        firstTokenArrived();
        if (totalTimer != null) {
            totalTimer.cancel(false);
            totalTimer = null;
        }
    }

    private static void run(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("a cancellation action failed", e); // cancelling is best effort; the attempt ends either way
        }
    }
}
