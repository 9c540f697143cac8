package dev.sluice.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.SelectStrategy;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A loop polls for a while after its last work, one loop of a group at a time, then sleeps. */
class BusyPollTest {

    private static final long WINDOW = 200_000;

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final BusyPoll.Turn turn = new BusyPoll.Turn();
    private final BusyPoll first = new BusyPoll(WINDOW, turn, now::get);
    private final BusyPoll second = new BusyPoll(WINDOW, turn, now::get);

    @Test
    void whatIsReadyIsHandledAtOnce() throws Exception {
        assertThat(first.calculateStrategy(() -> 3, false)).isEqualTo(3);
        assertThat(first.calculateStrategy(() -> 0, true)).isZero(); // no socket ready, but tasks to run
    }

    @Test
    void aLoopPollsWithinTheWindowAfterItsLastWorkThenSleepsAndGivesTheTurnBack() throws Exception {
        first.calculateStrategy(() -> 1, false);
        now.addAndGet(WINDOW - 1);
        assertThat(first.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.CONTINUE);
        assertThat(first.polling()).isTrue();
        now.addAndGet(1);
        assertThat(first.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(first.polling()).isFalse();
        second.calculateStrategy(() -> 1, false);
        assertThat(second.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.CONTINUE);
    }

    @Test
    void onlyOneLoopOfAGroupPollsAtATimeTheOthersSleep() throws Exception {
        first.calculateStrategy(() -> 1, false);
        second.calculateStrategy(() -> 1, false);
        assertThat(first.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.CONTINUE);
        assertThat(second.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.SELECT);
        BusyPoll otherGroup = new BusyPoll(WINDOW, new BusyPoll.Turn(), now::get);
        assertThat(otherGroup.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.CONTINUE);
    }

    @Test
    void noWindowMeansSleepingAtOnce() throws Exception {
        BusyPoll off = new BusyPoll(0, turn, now::get);
        assertThat(off.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.SELECT);
    }
}
