package dev.sluice.gateway.engine;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import java.util.concurrent.CompletionStage;

/** Resolves the public model name to its deployment; unknown names fail with 404 before anything else runs. */
final class ModelResolver implements Interceptor {

    private final ModelRegistry registry;

    ModelResolver(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public CompletionStage<ChatResult> chat(CallContext call, ChatInput input, Chain chain) {
        call.target = registry.resolve(input.model());
        return chain.chat(call, input);
    }

    @Override
    public CompletionStage<Void> stream(CallContext call, ChatInput input, ChatEventSink sink, Chain chain) {
        call.target = registry.resolve(input.model());
        return chain.stream(call, input, sink);
    }

    @Override
    public CompletionStage<EmbeddingResponse> embed(CallContext call, EmbeddingRequest request, Chain chain) {
        call.target = registry.resolve(request.model());
        return chain.embed(call, request);
    }
}
