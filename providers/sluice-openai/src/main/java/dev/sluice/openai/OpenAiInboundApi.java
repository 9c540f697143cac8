package dev.sluice.openai;

import dev.sluice.api.wire.ChatWireCodec;
import dev.sluice.api.wire.EmbeddingsWireCodec;
import dev.sluice.api.wire.WireReply;
import dev.sluice.spi.InboundApi;
import java.util.List;

/**
 * The OpenAI API as callers speak it to Sluice: chat completions, embeddings and the model list, and OpenAI's error
 * shape for every path under {@code /v1/} that no other API claims. Registered with {@link java.util.ServiceLoader}.
 */
public final class OpenAiInboundApi implements InboundApi {

    private final OpenAiChatCodec chat = new OpenAiChatCodec();
    private final OpenAiEmbeddingsCodec embeddings = new OpenAiEmbeddingsCodec();

    @Override public String name() { return "openai"; }

    @Override
    public List<Route> routes() {
        return List.of(Route.chat("/v1/chat/completions"),
                new Route(Kind.EMBEDDINGS, "POST", "/v1/embeddings", null, null),
                new Route(Kind.MODELS, "GET", "/v1/models", null, null),
                new Route(Kind.MODEL, "GET", "/v1/models/{model}", "model", null));
    }

    @Override public ChatWireCodec chat() { return chat; }

    @Override public EmbeddingsWireCodec embeddings() { return embeddings; }

    @Override
    public WireReply models(List<String> names, long created) {
        return OpenAiModelsCodec.encodeList(names, created);
    }

    @Override
    public WireReply model(String name, long created) {
        return OpenAiModelsCodec.encodeOne(name, created);
    }

    @Override public String pathPrefix() { return "/v1/"; }
}
