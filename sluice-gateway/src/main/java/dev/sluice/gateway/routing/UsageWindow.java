package dev.sluice.gateway.routing;

/**
 * What one deployment used of its own {@code rpm} and {@code tpm} limits over the last minute, on this node: requests
 * and tokens counted in twelve buckets of five seconds, so that the minute slides. A request counts when its attempt
 * starts, with the tokens it is expected to use; the tokens are corrected to what it really used when it ends.
 *
 * <p>Thread-safe, for every event loop at once: each update takes the window's lock for a few field updates. Time
 * comes from the routing's nanosecond clock.
 */
public final class UsageWindow {

    private static final int BUCKETS = 12;
    private static final long BUCKET_NANOS = 5_000_000_000L;

    private final long rpm;
    private final long tpm;
    private final long[] epochs = new long[BUCKETS];
    private final long[] requests = new long[BUCKETS];
    private final long[] tokens = new long[BUCKETS];

    /** A window over the limits {@code rpm} and {@code tpm} (0: that one is not limited). */
    public UsageWindow(long rpm, long tpm) {
        this.rpm = rpm;
        this.tpm = tpm;
        java.util.Arrays.fill(epochs, Long.MIN_VALUE);
    }

    /** An attempt starts at {@code now}, expected to use {@code expectedTokens}. */
    public synchronized void started(long expectedTokens, long now) {
        int b = bucket(now);
        requests[b]++;
        tokens[b] += expectedTokens;
    }

    /** An attempt that was expected to use {@code expectedTokens} used {@code usedTokens}, as known at {@code now}. */
    public synchronized void settled(long expectedTokens, long usedTokens, long now) {
        tokens[bucket(now)] += usedTokens - expectedTokens;
    }

    /**
     * The smallest share of its limits left over the last minute: 1 untouched, 0 or less spent; 1 when it has no
     * limits.
     */
    public synchronized double headroom(long now) {
        long epoch = Math.floorDiv(now, BUCKET_NANOS);
        long usedRequests = 0;
        long usedTokens = 0;
        for (int b = 0; b < BUCKETS; b++) {
            if (epoch - epochs[b] < BUCKETS) {
                usedRequests += requests[b];
                usedTokens += tokens[b];
            }
        }
        double left = 1;
        if (rpm > 0) {
            left = Math.min(left, 1 - (double) usedRequests / rpm);
        }
        if (tpm > 0) {
            left = Math.min(left, 1 - (double) Math.max(0, usedTokens) / tpm);
        }
        return left;
    }

    private int bucket(long now) {
        long epoch = Math.floorDiv(now, BUCKET_NANOS);
        int b = (int) Math.floorMod(epoch, (long) BUCKETS);
        if (epochs[b] != epoch) {
            epochs[b] = epoch;
            requests[b] = 0;
            tokens[b] = 0;
        }
        return b;
    }
}
