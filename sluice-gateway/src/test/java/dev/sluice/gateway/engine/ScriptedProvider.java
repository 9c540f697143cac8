package dev.sluice.gateway.engine;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.LocalProvider;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A local provider for engine tests, played on the call's loop as the engine requires. By {@link Mode}: answers
 * "hi &lt;model&gt;" in a later loop task, fails its stage, throws instead of returning a stage, or hangs until the
 * attempt is cancelled and then fails as an aborted upstream read does ({@link #failureOnCancel}), or answers anyway
 * once cancelled (a provider that ignores cancellation). Records what reached it and on which threads it ran.
 * Configured by the test before the call.
 */
final class ScriptedProvider implements LocalProvider {

    enum Mode { ANSWER, FAIL, THROW, HANG, HANG_AFTER_FIRST, ANSWER_WHEN_CANCELLED }

    volatile Mode mode = Mode.ANSWER;
    volatile RuntimeException failure = new IllegalStateException("scripted failure");
    volatile RuntimeException failureOnCancel = new IllegalStateException("upstream read failed: stream closed");
    volatile ChatRequest lastRequest;
    /** Attempts that reached the provider. */
    final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    volatile EmbeddingRequest lastEmbedding;
    volatile Map<String, String> lastForwardHeaders;
    /** The thread the provider was called on, once it was. */
    final CompletableFuture<Thread> reached = new CompletableFuture<>();
    /** The thread the attempt's cancellation ran on, once it was cancelled (hooked for every attempt). */
    final CompletableFuture<Thread> cancelled = new CompletableFuture<>();

    @Override
    public CompletionStage<Void> stream(ChatRequest request, Attempt attempt, ChatEventSink sink) {
        lastRequest = request;
        Runnable firstPart = () -> {
            sink.accept(new ChatEvent.MessageStart("r1", request.model()));
            sink.accept(new ChatEvent.TextDelta(0, "hi "));
        };
        return play(attempt, firstPart, () -> {
            sink.accept(new ChatEvent.TextDelta(0, request.model()));
            sink.accept(new ChatEvent.MessageStop(StopReason.END_TURN, null));
            sink.accept(new ChatEvent.UsageReport(Usage.of(3, 2)));
            return null;
        });
    }

    @Override
    public CompletionStage<EmbeddingResponse> embed(EmbeddingRequest request, Attempt attempt) {
        lastEmbedding = request;
        return play(attempt, () -> { }, () -> new EmbeddingResponse(request.model(),
                request.input().stream().map(text -> new float[] {text.length()}).toList(),
                Usage.of(request.input().size(), 0)));
    }

    private <T> CompletableFuture<T> play(Attempt attempt, Runnable firstPart, Supplier<T> rest) {
        lastForwardHeaders = attempt.forwardHeaders();
        calls.incrementAndGet();
        reached.complete(Thread.currentThread());
        attempt.onCancel(() -> cancelled.complete(Thread.currentThread())); // as the transport hooks its abort
        CompletableFuture<T> done = new CompletableFuture<>();
        switch (mode) {
            case ANSWER -> attempt.loop().execute(() -> {
                firstPart.run();
                done.complete(rest.get());
            });
            case FAIL -> attempt.loop().execute(() -> done.completeExceptionally(failure));
            case THROW -> throw failure;
            case HANG -> attempt.onCancel(() -> done.completeExceptionally(failureOnCancel));
            case HANG_AFTER_FIRST -> attempt.loop().execute(() -> {
                firstPart.run();
                attempt.onCancel(() -> done.completeExceptionally(failureOnCancel));
            });
            case ANSWER_WHEN_CANCELLED -> attempt.onCancel(() -> {
                firstPart.run();
                done.complete(rest.get());
            });
        }
        return done;
    }
}
