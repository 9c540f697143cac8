package dev.sluice.gateway.routing;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One deployment's circuit breaker. <b>Closed</b>, it lets every call through and counts outcomes in a sliding
 * window of ten time buckets; it <b>opens</b> when {@link BreakerSettings#consecutiveFailures} fail in a row, or when
 * the window holds at least {@link BreakerSettings#minimumCalls} calls of which at least
 * {@link BreakerSettings#failureRate} failed. <b>Open</b>, it lets nothing through for its cool-down (at least the
 * opening failure's {@code retry-after}); then it is <b>half-open</b>: {@link BreakerSettings#halfOpenProbes} calls
 * may probe at once; as many successes close it, one failure opens it again.
 *
 * <p>Only upstream failures count ({@link #onFailure}): errors the caller caused (4xx other than 429) are reported as
 * {@link #onSuccess} (the upstream answered) or not at all, so they never open it.
 *
 * <p>Thread-safe, for every event loop at once. A closed breaker admits a call with one volatile read; outcomes are
 * counted under the breaker's lock (a few field updates). Time comes from an injectable nanosecond clock.
 *
 * <p>Written here rather than taken from resilience4j-circuitbreaker: that library has no "failures in a row"
 * criterion, measures its cool-down with {@code java.time.Clock} instants, and wraps every outcome in its own event
 * objects; this one is the few rules above, without allocating per call.
 */
public final class CircuitBreaker {

    /** The breaker's state; {@link #ordinal()} is what the metric reports (0 closed, 1 half-open, 2 open). */
    public enum State { CLOSED, HALF_OPEN, OPEN }

    /** What {@link #tryAcquire} granted: nothing, an ordinary call, or a half-open probe. */
    public static final int DENIED = 0;
    public static final int CALL = 1;
    public static final int PROBE = 2;

    private static final int BUCKETS = 10;

    private final BreakerSettings settings;
    private final LongSupplier clock;
    private final long bucketNanos;
    private final long[] bucketEpoch = new long[BUCKETS];
    private final int[] calls = new int[BUCKETS];
    private final int[] failures = new int[BUCKETS];
    private volatile State state = State.CLOSED;
    private long openUntil;
    private int consecutive;
    private int probesOut;
    private int probeSuccesses;
    private long opened;

    public CircuitBreaker(BreakerSettings settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.clock = nanoClock;
        this.bucketNanos = Math.max(1, settings.window().toNanos() / BUCKETS);
    }

    /** The state now (an open breaker whose cool-down is over reads half-open). */
    public State state() {
        State s = state;
        if (s == State.OPEN) {
            synchronized (this) {
                return state == State.OPEN && clock.getAsLong() - openUntil >= 0 ? State.HALF_OPEN : state;
            }
        }
        return s;
    }

    /**
     * What the admin view shows of it, read at once under its lock.
     *
     * @param consecutiveFailures upstream failures in a row while closed
     * @param windowCalls calls counted in the sliding window (closed only)
     * @param windowFailures of which failed upstream
     * @param nanosUntilProbe while open, the nanoseconds until a probe may go; else 0
     */
    public record Snapshot(State state, int consecutiveFailures, int windowCalls, int windowFailures,
                           long nanosUntilProbe, long timesOpened, BreakerSettings settings) { }

    /** Its state and counts now (an open breaker whose cool-down is over reads half-open). */
    public synchronized Snapshot snapshot() {
        long now = clock.getAsLong();
        int[] window = window(now / bucketNanos);
        int total = window[0];
        int failed = window[1];
        boolean cooled = state == State.OPEN && now - openUntil >= 0;
        return new Snapshot(cooled ? State.HALF_OPEN : state, consecutive, total, failed,
                state == State.OPEN && !cooled ? openUntil - now : 0, opened, settings);
    }

    /** How many times it opened. */
    public synchronized long timesOpened() { return opened; }

    /** Whether a call would be let through now ({@link #tryAcquire} may still refuse if another takes the probe). */
    public boolean allows() {
        if (state == State.CLOSED) {
            return true;
        }
        synchronized (this) {
            return switch (state) {
                case CLOSED -> true;
                case OPEN -> clock.getAsLong() - openUntil >= 0;
                case HALF_OPEN -> probesOut < settings.halfOpenProbes();
            };
        }
    }

    /** Lets a call through, or not: {@link #CALL}, {@link #PROBE} (half-open) or {@link #DENIED}. */
    public int tryAcquire() {
        if (state == State.CLOSED) {
            return CALL;
        }
        synchronized (this) {
            if (state == State.CLOSED) {
                return CALL;
            }
            if (state == State.OPEN) {
                if (clock.getAsLong() - openUntil < 0) {
                    return DENIED;
                }
                state = State.HALF_OPEN;
                probesOut = 0;
                probeSuccesses = 0;
            }
            if (probesOut >= settings.halfOpenProbes()) {
                return DENIED;
            }
            probesOut++;
            return PROBE;
        }
    }

    /** Nanoseconds until an open breaker lets a probe through; 0 when it would now. */
    public synchronized long nanosUntilProbe() {
        return state == State.OPEN ? Math.max(0, openUntil - clock.getAsLong()) : 0;
    }

    /** The call let through as {@code permit} succeeded (or failed by the caller's fault). */
    public synchronized void onSuccess(int permit) {
        if (permit == PROBE) {
            if (state != State.HALF_OPEN) {
                return;
            }
            probesOut--;
            if (++probeSuccesses >= settings.halfOpenProbes()) {
                close();
            }
            return;
        }
        if (state == State.CLOSED) {
            consecutive = 0;
            count(false);
        }
    }

    /** The call let through as {@code permit} failed upstream; {@code retryAfter} (or null) is what it asked for. */
    public synchronized void onFailure(int permit, Duration retryAfter) {
        if (permit == PROBE) {
            if (state == State.HALF_OPEN) {
                open(retryAfter);
            }
            return;
        }
        if (state != State.CLOSED) {
            return;
        }
        consecutive++;
        count(true);
        if (consecutive >= settings.consecutiveFailures() || rateExceeded()) {
            open(retryAfter);
        }
    }

    /** The call let through as {@code permit} ended without telling anything of the upstream (the caller left). */
    public synchronized void onIgnored(int permit) {
        if (permit == PROBE && state == State.HALF_OPEN) {
            probesOut--;
        }
    }

    private void count(boolean failed) {
        long epoch = clock.getAsLong() / bucketNanos;
        int b = (int) Math.floorMod(epoch, (long) BUCKETS);
        if (bucketEpoch[b] != epoch) {
            bucketEpoch[b] = epoch;
            calls[b] = 0;
            failures[b] = 0;
        }
        calls[b]++;
        if (failed) {
            failures[b]++;
        }
    }

    private boolean rateExceeded() {
        int[] window = window(clock.getAsLong() / bucketNanos);
        return window[0] >= settings.minimumCalls() && window[1] >= settings.failureRate() * window[0];
    }

    /** The calls and the failures of the sliding window that ends in bucket {@code epoch}. */
    private int[] window(long epoch) {
        int total = 0;
        int failed = 0;
        for (int b = 0; b < BUCKETS; b++) {
            if (epoch - bucketEpoch[b] < BUCKETS) {
                total += calls[b];
                failed += failures[b];
            }
        }
        return new int[] {total, failed};
    }

    private void open(Duration retryAfter) {
        long coolDown = settings.openFor().toNanos();
        if (retryAfter != null) {
            coolDown = Math.max(coolDown, Math.min(retryAfter.toNanos(), settings.maxOpenFor().toNanos()));
        }
        openUntil = clock.getAsLong() + coolDown;
        state = State.OPEN;
        opened++;
        consecutive = 0;
    }

    private void close() {
        state = State.CLOSED;
        consecutive = 0;
        probesOut = 0;
        java.util.Arrays.fill(bucketEpoch, Long.MIN_VALUE);
    }
}
