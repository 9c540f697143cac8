package dev.sluice.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** A deployment's use of its own limits over a sliding minute. */
class UsageWindowTest {

    private static final long T0 = TimeUnit.HOURS.toNanos(1);

    @Test
    void theTighterOfTheTwoLimitsSaysWhatIsLeft() {
        UsageWindow w = new UsageWindow(100, 1000);
        for (int i = 0; i < 10; i++) {
            w.started(50, T0);
        }
        assertThat(w.headroom(T0)).as("500 of 1,000 tokens, 10 of 100 requests").isCloseTo(0.5, Offset.offset(1e-9));
        for (int i = 0; i < 10; i++) {
            w.settled(50, 5, T0);
        }
        assertThat(w.headroom(T0)).as("settled to 50 tokens: requests are tighter").isCloseTo(0.9,
                Offset.offset(1e-9));
    }

    @Test
    void whatWasUsedMoreThanAMinuteAgoNoLongerCounts() {
        UsageWindow w = new UsageWindow(10, 0);
        for (int i = 0; i < 5; i++) {
            w.started(0, T0);
        }
        w.started(0, T0 + TimeUnit.SECONDS.toNanos(30));
        assertThat(w.headroom(T0 + TimeUnit.SECONDS.toNanos(59))).isCloseTo(0.4, Offset.offset(1e-9));
        assertThat(w.headroom(T0 + TimeUnit.SECONDS.toNanos(61))).as("the first five slid out")
                .isCloseTo(0.9, Offset.offset(1e-9));
        assertThat(w.headroom(T0 + TimeUnit.SECONDS.toNanos(95))).isEqualTo(1.0);
    }

    @Test
    void aWindowWithoutLimitsIsAlwaysWhole() {
        UsageWindow w = new UsageWindow(0, 0);
        w.started(1_000_000, T0);
        assertThat(w.headroom(T0)).isEqualTo(1.0);
    }
}
