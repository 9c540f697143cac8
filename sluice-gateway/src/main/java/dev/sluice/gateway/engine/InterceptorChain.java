package dev.sluice.gateway.engine;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs the interceptors in order, then the terminal step. Immutable; one small object per position. An interceptor
 * that throws instead of returning a failed stage (an {@link Error} too, as a stage's own callbacks would catch it) is
 * treated as if it had returned one.
 */
final class InterceptorChain implements Interceptor.Chain {

    private final Interceptor interceptor;
    private final Interceptor.Chain next;

    private InterceptorChain(Interceptor interceptor, Interceptor.Chain next) {
        this.interceptor = interceptor;
        this.next = next;
    }

    /** The chain of {@code interceptors}, in order, ending in {@code terminal}. */
    static Interceptor.Chain of(List<Interceptor> interceptors, Interceptor.Chain terminal) {
        Interceptor.Chain chain = terminal;
        for (int i = interceptors.size() - 1; i >= 0; i--) {
            chain = new InterceptorChain(interceptors.get(i), chain);
        }
        return chain;
    }

    @Override
    public CompletionStage<ChatResult> chat(CallContext call, ChatInput input) {
        try {
            return interceptor.chat(call, input, next);
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<Void> stream(CallContext call, ChatInput input, ChatEventSink sink) {
        try {
            return interceptor.stream(call, input, sink, next);
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<EmbeddingResponse> embed(CallContext call, EmbeddingRequest request) {
        try {
            return interceptor.embed(call, request, next);
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
