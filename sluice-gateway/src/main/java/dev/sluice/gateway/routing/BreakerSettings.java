package dev.sluice.gateway.routing;

import java.time.Duration;

/**
 * When a deployment's {@link CircuitBreaker} opens and how it recovers.
 *
 * @param failureRate opens when at least this share (0..1] of the calls in the window failed...
 * @param minimumCalls ...and the window holds at least this many calls
 * @param consecutiveFailures opens after this many failures in a row, whatever the rate
 * @param window the sliding window the rate is measured over (ten buckets of a tenth each)
 * @param openFor how long it stays open before letting probes through; at least the {@code retry-after} of the
 *     failure that opened it, up to {@code maxOpenFor}
 * @param maxOpenFor the longest an upstream's {@code retry-after} may keep it open
 * @param halfOpenProbes calls let through at once when half-open; as many successes close it, one failure reopens it
 */
public record BreakerSettings(double failureRate, int minimumCalls, int consecutiveFailures, Duration window,
                              Duration openFor, Duration maxOpenFor, int halfOpenProbes) {

    /** Half the calls of 10 s failing (of at least 20), or 5 in a row; open 30 s; one probe. */
    public static final BreakerSettings DEFAULT = new BreakerSettings(0.5, 20, 5, Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofMinutes(5), 1);

    public BreakerSettings {
        if (!(failureRate > 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("failureRate must be in (0, 1]");
        }
        if (minimumCalls < 1 || consecutiveFailures < 1 || halfOpenProbes < 1) {
            throw new IllegalArgumentException("counts must be at least 1");
        }
        if (window.toMillis() < 10 || openFor.isNegative() || maxOpenFor.compareTo(openFor) < 0) {
            throw new IllegalArgumentException("window at least 10 ms, 0 <= openFor <= maxOpenFor");
        }
    }
}
