package dev.sluice.gateway.engine;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;

/**
 * One step around the provider call (auth, limits, budgets, prompts, guardrails, cache, routing, retries...), in the
 * style of OkHttp's interceptors: do something, call {@code chain} to go on, look at or change the result. Streams are
 * first class: a stream interceptor may wrap the sink to observe or rewrite events as they pass.
 *
 * <p>Instances are shared by all calls and must be thread-safe. Failures are thrown as
 * {@link dev.sluice.api.error.GatewayException}. Each method defaults to passing straight through.
 */
public interface Interceptor {

    default ChatResponse chat(CallContext call, ChatRequest request, Chain chain) {
        return chain.chat(call, request);
    }

    default void stream(CallContext call, ChatRequest request, ChatEventSink sink, Chain chain) {
        chain.stream(call, request, sink);
    }

    default EmbeddingResponse embed(CallContext call, EmbeddingRequest request, Chain chain) {
        return chain.embed(call, request);
    }

    /** The rest of the chain, from the next interceptor to the provider. */
    interface Chain {
        ChatResponse chat(CallContext call, ChatRequest request);

        void stream(CallContext call, ChatRequest request, ChatEventSink sink);

        EmbeddingResponse embed(CallContext call, EmbeddingRequest request);
    }
}
