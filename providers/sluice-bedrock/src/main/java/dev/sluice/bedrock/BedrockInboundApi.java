package dev.sluice.bedrock;

import dev.sluice.api.wire.ChatWireCodec;
import dev.sluice.spi.InboundApi;
import java.util.List;

/**
 * Bedrock's Converse and ConverseStream as callers speak them to Sluice: the model in the path, streaming decided by
 * the route. Registered with {@link java.util.ServiceLoader}.
 */
public final class BedrockInboundApi implements InboundApi {

    private final BedrockCodec chat = new BedrockCodec();

    @Override public String name() { return "bedrock"; }

    @Override
    public List<Route> routes() {
        return List.of(new Route(Kind.CHAT, "POST", "/model/{modelId}/converse", "modelId", false),
                new Route(Kind.CHAT, "POST", "/model/{modelId}/converse-stream", "modelId", true));
    }

    @Override public ChatWireCodec chat() { return chat; }

    @Override public String pathPrefix() { return "/model/"; }
}
