package dev.sluice.spi;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.http.StreamDecoder;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;

/**
 * An upstream reached over HTTP, as a <em>transform</em>: it builds the request (URL, headers or signature, body),
 * reads the answer (whole, or incrementally as a stream) and maps errors, and owns no I/O. The gateway's engine sends
 * the request on its event loop, pools the connection, enforces timeouts and feeds the answer back through these
 * methods on the call's thread, so none of them may block.
 *
 * <p>Instances are created once at start-up, shared by all calls, and must be thread-safe. Every failure is thrown as
 * a {@link GatewayException} in canonical terms.
 */
public interface HttpProvider extends Provider {

    /**
     * The request for a chat call. {@code request.stream()} says whether to ask for a streamed answer, and
     * {@code request.model()} is already the deployment's upstream model id.
     */
    UpstreamRequest chatRequest(ChatRequest request, Attempt attempt);

    /** Reads a whole 2xx answer to {@link #chatRequest} for a request that was not streamed. */
    ChatResponse chatResponse(ChatRequest request, UpstreamResponse response);

    /**
     * A decoder for the body of a 2xx answer to a streamed request, whose canonical events go to {@code sink} in
     * order, as soon as each is read. An upstream that answers a stream request whole (some OpenAI-compatible servers)
     * may be replayed as events by the decoder.
     */
    StreamDecoder chatStream(ChatRequest request, UpstreamResponse head, ChatEventSink sink);

    /**
     * Maps a non-2xx answer, its body read whole up to {@link UpstreamResponse#MAX_ERROR_BYTES}. Keeps the status's
     * meaning, reads retry hints, and never copies credentials into the message.
     */
    GatewayError error(UpstreamResponse response);

    /**
     * The fast path for callers whose inbound API ({@code openai}, {@code anthropic}, {@code bedrock}) is this
     * provider's own wire format, or null when their requests must be translated (the default).
     */
    default dev.sluice.spi.http.PassThrough passThrough(String inboundApi) {
        return null;
    }

    /** The request for an embeddings call; by default this provider serves none. */
    default UpstreamRequest embeddingsRequest(EmbeddingRequest request, Attempt attempt) {
        throw GatewayException.of(ErrorType.UNSUPPORTED_FEATURE,
                "model '" + attempt.deployment().name() + "' does not serve embeddings");
    }

    /** Reads a whole 2xx answer to {@link #embeddingsRequest}. */
    default EmbeddingResponse embeddingsResponse(EmbeddingRequest request, UpstreamResponse response) {
        throw new UnsupportedOperationException("embeddingsRequest is not supported, so neither is this");
    }
}
