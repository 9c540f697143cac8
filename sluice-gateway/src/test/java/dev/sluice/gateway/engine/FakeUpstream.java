package dev.sluice.gateway.engine;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.LocalProvider;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One deployment's upstream for routing tests, played on the attempt's loop: each attempt takes the next scripted
 * {@link Step} (then {@link #otherwise}): answer "hi from &lt;name&gt;", fail before any event with an upstream error,
 * hang until the attempt is cancelled, or send its first event and then fail (a dropped stream). An answer first moves
 * the test's clock on by {@link #latencyNanos}, so latency routing is measured without waiting. Notes when each
 * attempt reached it.
 */
final class FakeUpstream implements LocalProvider {

    enum Step { ANSWER, FAIL, HANG, FIRST_THEN_FAIL, REFUSE }

    final String name;
    final Queue<Step> script = new ConcurrentLinkedQueue<>();
    volatile Step otherwise = Step.ANSWER;
    volatile GatewayError error;
    volatile long latencyNanos;
    final AtomicLong clock;
    /** {@link System#nanoTime()} of each attempt that reached it. */
    final List<Long> reachedAt = new CopyOnWriteArrayList<>();

    FakeUpstream(String name, AtomicLong clock) {
        this.name = name;
        this.clock = clock;
        failWith(500, null);
    }

    /** Fails, when told to, with an upstream error of {@code status} asking to wait {@code retryAfter} (or null). */
    FakeUpstream failWith(int status, Duration retryAfter) {
        error = new GatewayError(ErrorType.fromStatus(status), status, "scripted " + status + " from " + name, name,
                retryAfter, null);
        return this;
    }

    /** Fails, when told to, with an upstream error of {@code type} (a context-length or content-filter 400). */
    FakeUpstream failWith(ErrorType type) {
        error = new GatewayError(type, type.defaultStatus(), "scripted " + type + " from " + name, name, null, null);
        return this;
    }

    FakeUpstream then(Step... steps) {
        script.addAll(List.of(steps));
        return this;
    }

    @Override
    public CompletionStage<Void> stream(ChatRequest request, Attempt attempt, ChatEventSink sink) {
        reachedAt.add(System.nanoTime());
        Step step = script.poll();
        step = step == null ? otherwise : step;
        CompletableFuture<Void> done = new CompletableFuture<>();
        switch (step) {
            case ANSWER -> attempt.loop().execute(() -> {
                clock.addAndGet(latencyNanos);
                sink.accept(new ChatEvent.MessageStart("r-" + name, request.model()));
                sink.accept(new ChatEvent.TextDelta(0, "hi from " + name));
                sink.accept(new ChatEvent.MessageStop(StopReason.END_TURN, null));
                sink.accept(new ChatEvent.UsageReport(Usage.of(3, 3)));
                done.complete(null);
            });
            case FAIL -> attempt.loop().execute(() -> done.completeExceptionally(error.toException()));
            case REFUSE -> attempt.loop().execute(() -> { // a content filter withheld the answer
                sink.accept(new ChatEvent.MessageStart("r-" + name, request.model()));
                sink.accept(new ChatEvent.TextDelta(0, "refused by " + name));
                sink.accept(new ChatEvent.MessageStop(StopReason.CONTENT_FILTERED, null));
                sink.accept(new ChatEvent.UsageReport(Usage.of(3, 0)));
                done.complete(null);
            });
            case HANG -> attempt.onCancel(() -> done.completeExceptionally(
                    new IllegalStateException("upstream read aborted")));
            case FIRST_THEN_FAIL -> attempt.loop().execute(() -> {
                sink.accept(new ChatEvent.MessageStart("r-" + name, request.model()));
                sink.accept(new ChatEvent.TextDelta(0, "hi fr"));
                done.completeExceptionally(error.toException());
            });
        }
        return done;
    }

    @Override
    public CompletionStage<dev.sluice.api.embed.EmbeddingResponse> embed(dev.sluice.api.embed.EmbeddingRequest r,
                                                                       Attempt attempt) {
        throw new UnsupportedOperationException();
    }
}
