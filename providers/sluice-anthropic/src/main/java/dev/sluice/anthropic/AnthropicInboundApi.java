package dev.sluice.anthropic;

import dev.sluice.api.wire.ChatWireCodec;
import dev.sluice.spi.InboundApi;
import java.util.List;

/** The Anthropic Messages API as callers speak it to Sluice. Registered with {@link java.util.ServiceLoader}. */
public final class AnthropicInboundApi implements InboundApi {

    private final AnthropicCodec chat = new AnthropicCodec();

    @Override public String name() { return "anthropic"; }

    @Override public List<Route> routes() { return List.of(Route.chat("/v1/messages")); }

    @Override public ChatWireCodec chat() { return chat; }

    @Override public String pathPrefix() { return "/v1/messages"; }
}
