package dev.sluice.gateway.routing;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How a routed call retries: at most {@code maxRetries} attempts after the first on each route, each after moving to
 * a deployment this call has not tried yet (at once) or, when none is left, to one it has, after a backoff with full
 * jitter: a random wait in {@code [0, min(maxBackoff, base * 2^(n-1))]} for the n-th retry, but never less than the
 * upstream's {@code retry-after}. Nothing is retried past the call's {@code deadline}.
 *
 * @param maxRetries further attempts on a route after its first (0: fall back at once)
 * @param base the first retry's backoff cap
 * @param maxBackoff the largest backoff cap
 * @param deadline the whole call's time limit, every attempt and wait included
 */
public record RetryPolicy(int maxRetries, Duration base, Duration maxBackoff, Duration deadline) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(5),
            Duration.ofMinutes(10));

    /**
     * The wait before retry {@code n} (1 for the first) on a deployment already tried, in nanoseconds.
     *
     * @param retryAfter what the failed attempt's upstream asked for, or null
     */
    public long backoffNanos(int n, Duration retryAfter, RandomGenerator random) {
        long cap = Math.min(maxBackoff.toNanos(), base.toNanos() << Math.min(20, Math.max(0, n - 1)));
        long jitter = cap <= 0 ? 0 : random.nextLong(cap + 1);
        return retryAfter == null ? jitter : Math.max(jitter, retryAfter.toNanos());
    }
}
