package dev.sluice.spi;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import java.util.concurrent.CompletionStage;

/**
 * A provider that answers in-process, without a socket (the simulator). Its methods run on the call's event loop and
 * must never block: waiting is done with timers on {@link Attempt#loop()}. A non-streamed chat call is the stream,
 * assembled by the engine.
 *
 * <p>Instances are created once at start-up, shared by all calls, and must be thread-safe.
 */
public interface LocalProvider extends Provider {

    /**
     * Produces the answer as events into {@code sink}, on the call's thread, pausing while
     * {@link Attempt#downstream()} is not writable. The stage completes when the answer is whole, or fails with a
     * {@link GatewayException}: before the first event, the gateway may still fall back; after it, the error is told
     * in-stream. A cancelled attempt must stop producing promptly.
     */
    CompletionStage<Void> stream(ChatRequest request, Attempt attempt, ChatEventSink sink);

    default CompletionStage<EmbeddingResponse> embed(EmbeddingRequest request, Attempt attempt) {
        throw GatewayException.of(ErrorType.UNSUPPORTED_FEATURE,
                "model '" + attempt.deployment().name() + "' does not serve embeddings");
    }
}
