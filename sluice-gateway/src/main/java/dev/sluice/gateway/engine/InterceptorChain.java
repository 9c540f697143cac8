package dev.sluice.gateway.engine;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import java.util.List;

/** Runs the interceptors in order, then the terminal step. Immutable; one small object per position. */
final class InterceptorChain implements Interceptor.Chain {

    private final List<Interceptor> interceptors;
    private final int index;
    private final Interceptor.Chain terminal;
    private final InterceptorChain next;

    InterceptorChain(List<Interceptor> interceptors, Interceptor.Chain terminal) {
        this(List.copyOf(interceptors), 0, terminal);
    }

    private InterceptorChain(List<Interceptor> interceptors, int index, Interceptor.Chain terminal) {
        this.interceptors = interceptors;
        this.index = index;
        this.terminal = terminal;
        this.next = index < interceptors.size() ? new InterceptorChain(interceptors, index + 1, terminal) : null;
    }

    @Override
    public ChatResponse chat(CallContext call, ChatRequest request) {
        return next == null ? terminal.chat(call, request) : interceptors.get(index).chat(call, request, next);
    }

    @Override
    public void stream(CallContext call, ChatRequest request, ChatEventSink sink) {
        if (next == null) {
            terminal.stream(call, request, sink);
        } else {
            interceptors.get(index).stream(call, request, sink, next);
        }
    }

    @Override
    public EmbeddingResponse embed(CallContext call, EmbeddingRequest request) {
        return next == null ? terminal.embed(call, request) : interceptors.get(index).embed(call, request, next);
    }
}
