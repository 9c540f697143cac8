package dev.sluice.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A route's pins: replaced by the latest deployment, forgotten after the TTL without use, bounded in number. */
class SessionPinsTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    @Test
    void aPinIsReplacedByTheDeploymentThatServedLast() {
        SessionPins pins = new SessionPins(new SessionAffinity(Duration.ofMinutes(1), 10), clock::get);
        pins.pin("s", "a");
        pins.pin("s", "b");
        assertThat(pins.deployment("s")).isEqualTo("b");
        assertThat(pins.deployment("other")).isNull();
    }

    @Test
    void aPinLivesTheTtlAfterItsLastUse() {
        SessionPins pins = new SessionPins(new SessionAffinity(Duration.ofMinutes(1), 10), clock::get);
        pins.pin("s", "a");
        clock.addAndGet(Duration.ofSeconds(50).toNanos());
        assertThat(pins.deployment("s")).as("read: its minute starts again").isEqualTo("a");
        clock.addAndGet(Duration.ofSeconds(50).toNanos());
        assertThat(pins.deployment("s")).isEqualTo("a");
        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        assertThat(pins.deployment("s")).isNull();
    }

    @Test
    void atMostMaxSessionsAreKept() {
        SessionPins pins = new SessionPins(new SessionAffinity(Duration.ofMinutes(1), 100), clock::get);
        for (int i = 0; i < 10_000; i++) {
            pins.pin("session-" + i, "a");
        }
        assertThat(pins.size()).isLessThanOrEqualTo(100);
    }
}
