package dev.sluice.gateway.engine;

import dev.sluice.api.access.KeyDirectory;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import java.util.concurrent.CompletionStage;

/**
 * The first step after authentication: a virtual key may call only the models its key, use case and team allow; any
 * other is refused with 403 naming the model, before anything else is spent on the call. Reads the in-memory
 * {@link KeyDirectory} only. Thread-safe.
 */
final class KeyPolicy implements Interceptor {

    private final KeyDirectory keys;

    KeyPolicy(KeyDirectory keys) {
        this.keys = keys;
    }

    @Override
    public CompletionStage<ChatResult> chat(CallContext call, ChatInput input, Chain chain) {
        check(call, input.model());
        return chain.chat(call, input);
    }

    @Override
    public CompletionStage<Void> stream(CallContext call, ChatInput input, ChatEventSink sink, Chain chain) {
        check(call, input.model());
        return chain.stream(call, input, sink);
    }

    @Override
    public CompletionStage<EmbeddingResponse> embed(CallContext call, EmbeddingRequest request, Chain chain) {
        check(call, request.model());
        return chain.embed(call, request);
    }

    private void check(CallContext call, String model) {
        if (!keys.allows(call.caller(), model)) {
            throw new GatewayException(new GatewayError(ErrorType.PERMISSION_DENIED, 403, "This key may not call "
                    + "model '" + model + "'.", null, null, "model"));
        }
    }
}
