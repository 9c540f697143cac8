package dev.sluice.simulator;

import static dev.sluice.simulator.Simulators.ask;
import static dev.sluice.simulator.Simulators.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.spi.Downstream;
import dev.sluice.testkit.ProviderContract;
import dev.sluice.testkit.TestAttempt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The simulator pauses while the caller's connection is full, as a real upstream read does. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlowControlTest {

    private static final String TEXT = "one two three four five six seven eight nine ten eleven twelve";

    private final SimulatorProvider provider = Simulators.provider();

    @Test
    void nothingIsEmittedUntilTheCallerBecomesWritable() throws Exception {
        TestAttempt attempt = attempt("{}"); // unpaced: everything is due at once
        FakeCaller caller = new FakeCaller(0, null);
        attempt.downstream(caller);
        CompletableFuture<Void> call = Simulators.start(provider, ask(TEXT), attempt, caller);
        assertThat(caller.asked.await(5, TimeUnit.SECONDS)).as("whenWritable was called").isTrue();
        CompletableFuture<Integer> eventsBeforeResume = new CompletableFuture<>();
        attempt.loop().execute(() -> {
            eventsBeforeResume.complete(caller.events.size());
            caller.room = Integer.MAX_VALUE;
            caller.waiting.run();
        });
        assertThat(eventsBeforeResume.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(call).succeedsWithin(Duration.ofSeconds(5));
        assertThat(ProviderContract.assemble(caller.events).text()).isEqualTo(TEXT);
        assertThat(caller.flushes).isPositive();
    }

    @Test
    void aCallerThatFillsUpMidStreamGetsAFlushThenAPauseAndLosesNothing() {
        TestAttempt attempt = attempt("{\"tokens_per_second\":1000}");
        FakeCaller caller = new FakeCaller(3, attempt.loop()); // takes 3 events, then needs a resume
        attempt.downstream(caller);
        CompletableFuture<Void> call = Simulators.start(provider, ask(TEXT), attempt, caller);
        assertThat(call).succeedsWithin(Duration.ofSeconds(5));
        assertThat(caller.overruns).as("events emitted while not writable").isZero();
        assertThat(caller.pausesWithUnflushedEvents).as("pauses without a flush first").isZero();
        assertThat(caller.pauses).isGreaterThanOrEqualTo(4); // 15 events, 3 at a time
        assertThat(ProviderContract.assemble(caller.events).text()).isEqualTo(TEXT);
        assertThat(caller.events.getLast()).isInstanceOf(ChatEvent.UsageReport.class);
    }

    @Test
    void whatFellDueWhileTheCallerWasFullGoesOutInOneBurstSoThePaceDoesNotDrift() {
        // 11 tokens at 100/s are all due 100 ms after the start; the caller takes nothing until 150 ms
        TestAttempt attempt = attempt("{\"tokens_per_second\":100}");
        FakeCaller caller = new FakeCaller(0, null);
        attempt.downstream(caller);
        CompletableFuture<Void> call = Simulators.start(provider, ask("a b c d e f g h i j k"), attempt, caller);
        attempt.loop().schedule(() -> {
            caller.room = Integer.MAX_VALUE;
            caller.waiting.run();
        }, 150, TimeUnit.MILLISECONDS);
        assertThat(call).succeedsWithin(Duration.ofSeconds(5));
        assertThat(caller.events).hasSize(1 + 11 + 2);
        assertThat(caller.flushes).as("bursts").isEqualTo(1);
    }

    @Test
    void aLongUnpacedAnswerHandsTheLoopBackBetweenBursts() {
        TestAttempt attempt = attempt("{\"reply\":\"lorem\",\"output_tokens\":3000}");
        FakeCaller caller = new FakeCaller(Integer.MAX_VALUE, null);
        attempt.downstream(caller);
        assertThat(Simulators.start(provider, ask("x"), attempt, caller)).succeedsWithin(Duration.ofSeconds(5));
        assertThat(caller.events).hasSize(1 + 3000 + 2);
        assertThat(caller.flushes).as("bursts").isGreaterThan(1);
        assertThat(caller.largestBurst).isLessThanOrEqualTo(AnswerStreamer.MAX_BURST + 1); // a step may emit two
    }

    /**
     * The caller's side of a stream with a small queue: it takes {@code room} events, then is not writable until
     * resumed, by the test or, with a {@code loop}, by itself in a later loop task. Touched on the call's loop only.
     */
    private static final class FakeCaller implements Downstream, ChatEventSink {

        private final int refill;
        private final Executor loop;
        final List<ChatEvent> events = new ArrayList<>();
        final CountDownLatch asked = new CountDownLatch(1);
        int room;
        int unflushed;
        int flushes;
        int largestBurst;
        int pauses;
        int pausesWithUnflushedEvents;
        int overruns;
        Runnable waiting;

        FakeCaller(int refill, Executor loop) {
            this.refill = refill;
            this.room = refill;
            this.loop = loop;
        }

        @Override
        public void accept(ChatEvent event) {
            if (room <= 0) {
                overruns++;
            }
            room--;
            unflushed++;
            events.add(event);
        }

        @Override public boolean writable() { return room > 0; }

        @Override
        public void whenWritable(Runnable resume) {
            pauses++;
            if (unflushed > 0) {
                pausesWithUnflushedEvents++;
            }
            waiting = resume;
            asked.countDown();
            if (loop != null) {
                loop.execute(() -> {
                    room = refill;
                    resume.run();
                });
            }
        }

        @Override
        public void flush() {
            flushes++;
            largestBurst = Math.max(largestBurst, unflushed);
            unflushed = 0;
        }
    }
}
