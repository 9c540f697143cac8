package dev.sluice.gateway.engine;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import java.util.concurrent.CompletionStage;

/**
 * One step around the provider call (auth, limits, budgets, prompts, guardrails, cache, routing, retries...), in the
 * style of OkHttp's interceptors: do something, call {@code chain} to go on, look at or change the result. Streams are
 * first class: a stream interceptor may wrap the sink to observe or rewrite events as they pass.
 *
 * <p>A chat request arrives as a {@link ChatInput}, read lazily: an interceptor that needs its content (or the
 * canonical answer) decodes it with {@link ChatInput#request()}, which also turns the provider's fast path off. On
 * the fast path a whole answer is a passed {@link ChatResult} and a stream's events are
 * {@link dev.sluice.api.chat.ChatEvent.Passed} (the upstream's bytes, with what the ledger records of them).
 *
 * <p>Every method runs on the call's event loop and returns a stage that completes, on that same loop, when its part
 * of the call is done. An interceptor never blocks that thread: blocking work (JDBC, ONNX models, heavy regexes) goes
 * through {@link CallContext#offload}, which runs it on the bounded worker pool and resumes on the loop. Instances are
 * shared by all calls and must be thread-safe. Failures are {@link dev.sluice.api.error.GatewayException}s, thrown or
 * in the stage. Each method defaults to passing straight through. The order is fixed in {@link Interceptors}.
 */
public interface Interceptor {

    default CompletionStage<ChatResult> chat(CallContext call, ChatInput input, Chain chain) {
        return chain.chat(call, input);
    }

    /** Completes when the last event of the answer went to {@code sink}. */
    default CompletionStage<Void> stream(CallContext call, ChatInput input, ChatEventSink sink, Chain chain) {
        return chain.stream(call, input, sink);
    }

    default CompletionStage<EmbeddingResponse> embed(CallContext call, EmbeddingRequest request, Chain chain) {
        return chain.embed(call, request);
    }

    /** The rest of the chain, from the next interceptor to the provider. */
    interface Chain {
        CompletionStage<ChatResult> chat(CallContext call, ChatInput input);

        CompletionStage<Void> stream(CallContext call, ChatInput input, ChatEventSink sink);

        CompletionStage<EmbeddingResponse> embed(CallContext call, EmbeddingRequest request);
    }
}
