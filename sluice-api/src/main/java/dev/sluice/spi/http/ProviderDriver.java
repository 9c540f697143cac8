package dev.sluice.spi.http;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.HttpProvider;
import java.util.concurrent.CompletableFuture;

/**
 * Drives an {@link HttpProvider}'s transform over the event-loop transport: sends the request it builds on a pooled
 * connection of the attempt's own loop, maps a non-2xx answer with its error mapper, reads a whole answer, or feeds a
 * stream's bytes to its decoder as they arrive, pausing the upstream read while the caller cannot take more. Every
 * future completes on the attempt's loop. Cancelling the attempt aborts the exchange; the future then fails, and the
 * engine reports the cause. Thread-safe.
 */
public interface ProviderDriver {

    /** A whole answer; {@code request.stream()} is ignored (sent as not streamed). */
    CompletableFuture<ChatResponse> chat(HttpProvider provider, ChatRequest request, Attempt attempt);

    /** A streamed answer into {@code sink}; completes after the last event. */
    CompletableFuture<Void> stream(HttpProvider provider, ChatRequest request, Attempt attempt, ChatEventSink sink);

    CompletableFuture<EmbeddingResponse> embed(HttpProvider provider, EmbeddingRequest request, Attempt attempt);

    /** A whole answer on the provider's fast path: {@code request} goes as built, the answer is read by {@code pass}. */
    CompletableFuture<PassedAnswer> passThrough(HttpProvider provider, PassThrough pass, UpstreamRequest request,
                                                String publicModel, Attempt attempt);

    /**
     * A streamed answer on the provider's fast path: {@code request} goes as built, and the answer's bytes go to the
     * pass's decoder, which hands each wire event to {@code sink}; completes after the last one.
     */
    CompletableFuture<Void> passThroughStream(HttpProvider provider, PassThrough.StreamPass pass,
                                              UpstreamRequest request, String publicModel, Attempt attempt,
                                              ChatEventSink sink);
}
