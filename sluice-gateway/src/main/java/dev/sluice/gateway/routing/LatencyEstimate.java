package dev.sluice.gateway.routing;

/**
 * A deployment's decayed latency: exponentially weighted moving averages of its time to first token and of its time
 * per output token, each new sample weighing {@value #ALPHA} (so an estimate follows a change within a few tens of
 * calls). A whole (not streamed) answer's time to first token is its whole duration, as its caller sees it.
 *
 * <p>Thread-safe without locks: samples from several event loops may overwrite each other, which loses a sample, not
 * the estimate.
 */
public final class LatencyEstimate {

    static final double ALPHA = 0.3;

    private volatile double ttftNanos = -1;
    private volatile double perTokenNanos = -1;
    private volatile long sampledAt;

    /** Whether anything was measured yet. */
    public boolean measured() { return ttftNanos >= 0; }

    public double ttftNanos() { return Math.max(0, ttftNanos); }

    public double perTokenNanos() { return Math.max(0, perTokenNanos); }

    /** The expected time to answer {@code outputTokens} tokens. */
    public double expectedNanos(long outputTokens) {
        return ttftNanos() + perTokenNanos() * outputTokens;
    }

    /** When the last sample was taken, on the routing's clock. */
    public long sampledAt() { return sampledAt; }

    /**
     * A first token after {@code ttft} ns, then {@code outputTokens} more over {@code generation} ns (0 if none),
     * measured at {@code now}.
     */
    public void sample(long ttft, long generation, long outputTokens, long now) {
        sampledAt = now;
        ttftNanos = decay(ttftNanos, ttft);
        if (outputTokens > 1 && generation > 0) {
            perTokenNanos = decay(perTokenNanos, (double) generation / (outputTokens - 1));
        }
    }

    private static double decay(double old, double sample) {
        return old < 0 ? sample : old + ALPHA * (sample - old);
    }
}
