package dev.sluice.testkit;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.HttpProvider;
import dev.sluice.spi.Provider;
import dev.sluice.spi.http.BlockingExchange;
import dev.sluice.spi.http.UpstreamTransport;

/**
 * Calls a provider as the engine would: an {@link HttpProvider}'s transform is driven over a real HTTP transport,
 * any other provider is called directly. Blocks the calling thread.
 */
public final class Calls {

    private static final UpstreamTransport TRANSPORT = new TestProviderContext().transport();

    private Calls() { }

    public static ChatResponse chat(Provider provider, ChatRequest request, Attempt attempt) {
        return provider instanceof HttpProvider http
                ? BlockingExchange.chat(http, TRANSPORT, request, attempt)
                : provider.chat(request, attempt);
    }

    public static void stream(Provider provider, ChatRequest request, Attempt attempt, ChatEventSink sink) {
        if (provider instanceof HttpProvider http) {
            BlockingExchange.stream(http, TRANSPORT, request, attempt, sink);
        } else {
            provider.stream(request, attempt, sink);
        }
    }

    public static EmbeddingResponse embed(Provider provider, EmbeddingRequest request, Attempt attempt) {
        return provider instanceof HttpProvider http
                ? BlockingExchange.embed(http, TRANSPORT, request, attempt)
                : provider.embed(request, attempt);
    }
}
