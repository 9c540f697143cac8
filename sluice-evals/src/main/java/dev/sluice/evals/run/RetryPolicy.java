package dev.sluice.evals.run;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Retries of target calls: retryable errors (429, 5xx, timeouts, connection failures) are tried again up to
 * {@code maxAttempts} times, waiting what {@code retry-after} asked for, else exponential backoff with full jitter.
 * A 429 also pauses every other call of the run until its wait is over, so that concurrency does not hammer a
 * limited upstream. Thread-safe.
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final Duration base;
    private final Duration cap;
    private final AtomicLong pausedUntilNanos = new AtomicLong();

    public RetryPolicy(int maxAttempts, Duration base, Duration cap) {
        this.maxAttempts = maxAttempts;
        this.base = base;
        this.cap = cap;
    }

    public static RetryPolicy standard() {
        return new RetryPolicy(6, Duration.ofMillis(250), Duration.ofSeconds(30));
    }

    /** Runs {@code call}, retrying as described; the last failure is rethrown. */
    public <T> T call(java.util.function.Supplier<T> call) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            awaitPause();
            try {
                return call.get();
            } catch (GatewayException e) {
                if (!e.error().type().retryable() || attempt >= maxAttempts) {
                    throw e;
                }
                Duration wait = e.error().retryAfter() != null ? min(e.error().retryAfter(), cap) : backoff(attempt);
                if (e.error().type() == ErrorType.RATE_LIMITED) {
                    long until = System.nanoTime() + wait.toNanos();
                    pausedUntilNanos.accumulateAndGet(until, Math::max);
                }
                Thread.sleep(wait);
            }
        }
    }

    private void awaitPause() throws InterruptedException {
        long left = pausedUntilNanos.get() - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    private Duration backoff(int attempt) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
