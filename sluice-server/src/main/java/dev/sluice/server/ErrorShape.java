package dev.sluice.server;

import dev.sluice.anthropic.AnthropicCodec;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.wire.WireReply;
import dev.sluice.bedrock.BedrockCodec;
import dev.sluice.openai.OpenAiChatCodec;

/** How errors look on a route: each API's own error JSON and status, so every client reads its failures natively. */
@FunctionalInterface
public interface ErrorShape {

    WireReply encode(GatewayError error);

    ErrorShape OPENAI = new OpenAiChatCodec()::encodeError;
    ErrorShape ANTHROPIC = new AnthropicCodec()::encodeError;
    ErrorShape BEDROCK = new BedrockCodec()::encodeError;

    /** The shape for a path that matched no route (or could not be read): guessed from the API it looks like. */
    static ErrorShape forPath(String path) {
        if (path == null) {
            return OPENAI;
        }
        if (path.startsWith("/v1/messages")) {
            return ANTHROPIC;
        }
        if (path.startsWith("/model/")) {
            return BEDROCK;
        }
        return OPENAI;
    }
}
