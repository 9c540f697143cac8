package dev.sluice.simulator;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.Downstream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Plays a planned {@link Answer} out as canonical stream events on the call's event loop, waiting with timers, never
 * by blocking: after the time to first token, {@code MessageStart} (and {@code ToolUseStart} for a tool call), then
 * one delta per token chunk paced at the tokens-per-second rate, then {@code MessageStop} and {@code UsageReport}.
 *
 * <p>Pacing: chunk {@code i} is due at {@code start + ttft + i / rate}, fixed when the call starts, so a slow caller
 * does not make the pace drift: what fell due while it could take nothing goes out as soon as it can. Each timer tick
 * emits everything due (one burst), flushes, and sets one timer for the next due chunk, at least
 * {@value #MIN_TICK_NANOS} ns away: a fast rate costs one timer per millisecond rather than one per token, and a
 * chunk is never early and at most about a tick late. A burst holds at most {@value #MAX_BURST} events; a longer one
 * (an unpaced answer) goes on in a fresh loop task, so one long answer does not hold the loop.
 *
 * <p>Flow control: before each step it asks {@link Downstream#writable()}; when the caller can take no more, it
 * flushes and waits for {@link Downstream#whenWritable}.
 *
 * <p>Endings: the stage completes after {@code UsageReport}; a dropped answer fails with
 * {@link ErrorType#UPSTREAM_ERROR} after its last delivered chunk and without {@code MessageStop}; a cancelled attempt
 * cancels the pending timer and fails at once with {@link ErrorType#TIMEOUT} (the engine reports the real cause); a
 * sink that throws fails it with that exception.
 *
 * <p>One instance per call, confined to the call's loop thread: it is started there, and its timers, the caller's
 * writability callback and the attempt's cancellation all run there, so it needs no locks.
 */
final class AnswerStreamer {

    /** The shortest wait a timer is set for. */
    static final long MIN_TICK_NANOS = 1_000_000;

    /** The most events one loop task emits. */
    static final int MAX_BURST = 1024;

    private final Answer answer;
    private final String model;
    private final CallDraw draw;
    private final ScheduledExecutorService loop;
    private final Downstream caller;
    private final ChatEventSink sink;
    private final long firstTokenNanos;
    private final long nanosPerToken;
    /** Chunks delivered before the end: all of them, or fewer when the answer is dropped. */
    private final int deliver;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Runnable tick = this::pump;
    private final Runnable resume = this::resume;

    /** The next step: 0 starts the message, 1..deliver emit chunk {@code step - 1}, deliver + 1 ends it. */
    private int step;
    private ScheduledFuture<?> timer;
    private boolean waitingForCaller;
    private boolean pumping;

    private AnswerStreamer(Answer answer, String model, Pacing pacing, CallDraw draw, Attempt attempt,
                           ChatEventSink sink, long startNanos) {
        this.answer = answer;
        this.model = model;
        this.draw = draw;
        this.loop = attempt.loop();
        this.caller = attempt.downstream();
        this.sink = sink;
        this.firstTokenNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(pacing.ttftMillis());
        this.nanosPerToken = pacing.nanosPerToken();
        int chunks = answer.chunks().size();
        this.deliver = draw.drop() ? draw.dropAfter(chunks) : chunks;
    }

    /**
     * Starts playing {@code answer} into {@code sink}; call on the attempt's loop. Whatever is due at once (everything,
     * when unpaced) is emitted before this returns.
     *
     * @param startNanos when the call began ({@link System#nanoTime()})
     * @return completes when the answer is whole; fails as the class comment says
     */
    static CompletableFuture<Void> play(Answer answer, String model, Pacing pacing, CallDraw draw, Attempt attempt,
                                        ChatEventSink sink, long startNanos) {
        AnswerStreamer streamer = new AnswerStreamer(answer, model, pacing, draw, attempt, sink, startNanos);
        attempt.onCancel(streamer::cancel);
        streamer.pump();
        return streamer.done;
    }

    /** The failure of a simulated call whose attempt was cancelled. */
    static GatewayException cancelled() {
        return GatewayException.of(ErrorType.TIMEOUT, "the simulated call was cancelled");
    }

    private void pump() {
        timer = null;
        if (done.isDone()) {
            return;
        }
        pumping = true;
        try {
            burst();
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            pumping = false;
        }
    }

    /** Emits every step that is due, then sets what wakes it next: a timer, the caller, or a fresh loop task. */
    private void burst() {
        int emitted = 0;
        while (!done.isDone()) {
            long wait = due(step) - System.nanoTime();
            if (wait > 0) {
                flush(emitted);
                timer = loop.schedule(tick, Math.max(wait, MIN_TICK_NANOS), TimeUnit.NANOSECONDS);
                return;
            }
            if (!caller.writable()) {
                flush(emitted);
                waitingForCaller = true;
                caller.whenWritable(resume);
                return;
            }
            if (emitted >= MAX_BURST) {
                flush(emitted);
                loop.execute(tick);
                return;
            }
            emitted += emit(step++);
            if (step > deliver + 1) {
                flush(emitted);
                end();
                return;
            }
        }
    }

    /** When {@code step} is due: the first token's time for the start, chunk i's time, the last chunk's for the end. */
    private long due(int step) {
        int chunk = Math.min(step, deliver) - 1;
        return chunk <= 0 ? firstTokenNanos : firstTokenNanos + chunk * nanosPerToken;
    }

    /** Emits the events of one step; returns how many. */
    private int emit(int step) {
        if (step == 0) {
            sink.accept(new ChatEvent.MessageStart(draw.messageId(), model));
            if (answer.isToolCall()) {
                sink.accept(new ChatEvent.ToolUseStart(0, draw.toolUseId(), answer.toolName()));
                return 2;
            }
            return 1;
        }
        if (step <= deliver) {
            String chunk = answer.chunks().get(step - 1);
            sink.accept(answer.isToolCall() ? new ChatEvent.ToolUseDelta(0, chunk) : new ChatEvent.TextDelta(0, chunk));
            return 1;
        }
        if (draw.drop()) {
            return 0;
        }
        sink.accept(new ChatEvent.MessageStop(answer.stopReason(), answer.stopSequence()));
        sink.accept(new ChatEvent.UsageReport(answer.usage()));
        return 2;
    }

    private void end() {
        if (draw.drop()) {
            fail(GatewayException.of(ErrorType.UPSTREAM_ERROR, "stream dropped (simulated fault after " + deliver
                    + " of " + answer.chunks().size() + " chunks)"));
        } else {
            done.complete(null);
        }
    }

    private void flush(int emitted) {
        if (emitted > 0 && !done.isDone()) {
            caller.flush();
        }
    }

    /** The caller can take more again (possibly from within {@link Downstream#whenWritable} itself). */
    private void resume() {
        if (!waitingForCaller || done.isDone()) {
            return;
        }
        waitingForCaller = false;
        if (pumping) {
            loop.execute(tick);
        } else {
            pump();
        }
    }

    private void cancel() {
        fail(cancelled());
    }

    private void fail(RuntimeException e) {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        done.completeExceptionally(e);
    }
}
