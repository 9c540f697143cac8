package dev.sluice.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The breaker's rules, on a clock the test moves. */
class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final CircuitBreaker breaker = new CircuitBreaker(new BreakerSettings(0.5, 10, 100,
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(5), 2), now::get);

    private void calls(int ok, int failed) {
        for (int i = 0; i < ok; i++) {
            breaker.onSuccess(breaker.tryAcquire());
        }
        for (int i = 0; i < failed; i++) {
            breaker.onFailure(breaker.tryAcquire(), null);
        }
    }

    @Test
    void opensWhenHalfTheCallsOfTheWindowFailedOnceItHoldsEnoughCalls() {
        calls(5, 4);
        assertThat(breaker.state()).as("9 calls: under the minimum").isEqualTo(CircuitBreaker.State.CLOSED);
        calls(0, 1);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire()).isEqualTo(CircuitBreaker.DENIED);
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        calls(0, 9);
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        calls(9, 1);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void theCoolDownIsAtLeastTheRetryAfterOfTheFailureThatOpenedIt() {
        calls(5, 4);
        breaker.onFailure(breaker.tryAcquire(), Duration.ofSeconds(90));
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(breaker.allows()).isFalse();
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        assertThat(breaker.allows()).isTrue();
    }

    @Test
    void halfOpenLetsItsProbesThroughClosesOnTheirSuccessAndReopensOnAFailure() {
        calls(0, 10);
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        int p1 = breaker.tryAcquire();
        int p2 = breaker.tryAcquire();
        assertThat(p1).isEqualTo(CircuitBreaker.PROBE);
        assertThat(p2).isEqualTo(CircuitBreaker.PROBE);
        assertThat(breaker.tryAcquire()).as("only two probes at once").isEqualTo(CircuitBreaker.DENIED);
        breaker.onSuccess(p1);
        breaker.onFailure(p2, null);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        breaker.onSuccess(breaker.tryAcquire());
        breaker.onSuccess(breaker.tryAcquire());
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.timesOpened()).isEqualTo(2);
    }

    @Test
    void fullJitterBackoffStaysUnderItsCapAndNeverUnderRetryAfter() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(10));
        java.util.Random r = new java.util.Random(1);
        for (int n = 1; n <= 5; n++) {
            long cap = Math.min(400, 100L << (n - 1)) * 1_000_000L;
            for (int i = 0; i < 100; i++) {
                assertThat(p.backoffNanos(n, null, r)).isBetween(0L, cap);
                assertThat(p.backoffNanos(n, Duration.ofSeconds(1), r)).isGreaterThanOrEqualTo(1_000_000_000L);
            }
        }
    }
}
