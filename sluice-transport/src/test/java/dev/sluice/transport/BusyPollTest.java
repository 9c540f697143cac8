package dev.sluice.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.SelectStrategy;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A loop polls for a while after its last work, one loop of a group at a time, then sleeps; the while grows while
 * work comes back soon after the loop slept, and shrinks to nothing when it does not.
 */
class BusyPollTest {

    private static final long MAX = 200_000;

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final BusyPoll.Turn turn = new BusyPoll.Turn();
    private final BusyPoll first = new BusyPoll(MAX, turn, now::get);
    private final BusyPoll second = new BusyPoll(MAX, turn, now::get);

    @Test
    void whatIsReadyIsHandledAtOnce() throws Exception {
        assertThat(first.calculateStrategy(() -> 3, false)).isEqualTo(3);
        assertThat(first.calculateStrategy(() -> 0, true)).isZero(); // no socket ready, but tasks to run
    }

    @Test
    void aLoopThatHasNotBeenWokenSoonAfterSleepingSleepsAtOnce() throws Exception {
        first.calculateStrategy(() -> 1, false);
        assertThat(first.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(first.polling()).isFalse();
    }

    @Test
    void wakeUpsSoonAfterSleepingDoubleThePollingTimeUpToTheMost() throws Exception {
        long[] grown = new long[7];
        for (int i = 0; i < grown.length; i++) {
            sleepAndWake(first, 150_000);
            grown[i] = first.windowNanos();
        }
        assertThat(grown).containsExactly(10_000, 20_000, 40_000, 80_000, 160_000, 200_000, 200_000);
    }

    @Test
    void aLoopPollsWithinItsTimeAfterItsLastWorkThenSleepsAndGivesTheTurnBack() throws Exception {
        growToTheMost(first);
        now.addAndGet(MAX - 1);
        assertThat(first.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.CONTINUE);
        assertThat(first.polling()).isTrue();
        assertThat(first.calculateStrategy(() -> 1, false)).isEqualTo(1); // caught by polling
        now.addAndGet(MAX);
        assertThat(first.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(first.polling()).isFalse();
        growToTheMost(second);
        assertThat(second.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.CONTINUE);
    }

    @Test
    void sleepsLongerThanTheMostHalveThePollingTimeDownToNothing() throws Exception {
        growToTheMost(first);
        long[] shrunk = new long[6];
        for (int i = 0; i < shrunk.length; i++) {
            sleepAndWake(first, 5_000_000);
            shrunk[i] = first.windowNanos();
        }
        assertThat(shrunk).containsExactly(100_000, 50_000, 25_000, 12_500, 0, 0);
        first.calculateStrategy(() -> 1, false);
        assertThat(first.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.SELECT);
    }

    @Test
    void onlyOneLoopOfAGroupPollsAtATimeTheOthersSleep() throws Exception {
        growToTheMost(first);
        growToTheMost(second);
        first.calculateStrategy(() -> 1, false); // both have just worked
        second.calculateStrategy(() -> 1, false);
        assertThat(first.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.CONTINUE);
        assertThat(second.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.SELECT);
        BusyPoll otherGroup = new BusyPoll(MAX, new BusyPoll.Turn(), now::get);
        growToTheMost(otherGroup);
        assertThat(otherGroup.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.CONTINUE);
    }

    @Test
    void noMostMeansSleepingAtOnceHoweverSoonTheWakeUps() throws Exception {
        BusyPoll off = new BusyPoll(0, turn, now::get);
        for (int i = 0; i < 10; i++) {
            sleepAndWake(off, 1_000);
        }
        assertThat(off.windowNanos()).isZero();
        assertThat(off.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.SELECT);
    }

    /** The loop finds nothing to do and sleeps; after {@code nanos} a socket wakes it, and it handles the socket. */
    private void sleepAndWake(BusyPoll loop, long nanos) throws Exception {
        now.addAndGet(loop.windowNanos()); // past any polling time
        assertThat(loop.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.SELECT);
        now.addAndGet(nanos);
        assertThat(loop.calculateStrategy(() -> 1, false)).isEqualTo(1);
    }

    private void growToTheMost(BusyPoll loop) throws Exception {
        for (int i = 0; i < 20 && loop.windowNanos() < MAX; i++) {
            sleepAndWake(loop, MAX / 2);
        }
        assertThat(loop.windowNanos()).isEqualTo(MAX);
    }
}
