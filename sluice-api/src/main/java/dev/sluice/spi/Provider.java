package dev.sluice.spi;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;

/**
 * An upstream. Instances are created once at start-up, shared by all calls, and must be thread-safe. An upstream
 * reached over HTTP is an {@link HttpProvider}: a transform that the engine drives, whose blocking methods here are
 * never called. Others answer in-process: their methods block (on virtual threads) and report every failure as a
 * {@link GatewayException} in canonical terms.
 *
 * <p>The request's {@code model} is already the deployment's upstream model id.
 */
public interface Provider extends AutoCloseable {

    default ChatResponse chat(ChatRequest request, Attempt attempt) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is driven by the engine");
    }

    /**
     * Streams the answer into {@code sink} as it arrives, never buffering it whole. Throwing before the first event
     * lets the gateway fall back to another deployment; after it, the error is reported to the caller in-stream.
     */
    default void stream(ChatRequest request, Attempt attempt, ChatEventSink sink) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is driven by the engine");
    }

    default EmbeddingResponse embed(EmbeddingRequest request, Attempt attempt) {
        throw GatewayException.of(ErrorType.UNSUPPORTED_FEATURE,
                "model '" + attempt.deployment().name() + "' does not serve embeddings");
    }

    /** Checks a model entry's {@code options} at start-up; throws {@link ConfigException} naming the bad key. */
    default void validate(Deployment deployment, String configPath) { }

    @Override
    default void close() { }
}
