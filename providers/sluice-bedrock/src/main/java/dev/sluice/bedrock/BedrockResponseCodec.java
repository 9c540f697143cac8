package dev.sluice.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Converse response body, both ways. Bedrock's body carries neither an id nor the model: the id travels in the
 * {@code x-amzn-RequestId} header and the model is the one that was asked for. Stateless.
 */
final class BedrockResponseCodec {

    private BedrockResponseCodec() { }

    static byte[] encode(ChatResponse response, long latencyMs) {
        ObjectNode root = Json.object();
        ObjectNode message = root.putObject("output").putObject("message").put("role", "assistant");
        ArrayNode content = message.putArray("content");
        for (ContentBlock block : response.content()) {
            switch (block) {
                case ContentBlock.Text t -> content.addObject().put("text", t.text());
                case ContentBlock.ToolUse u -> {
                    ObjectNode use = content.addObject().putObject("toolUse");
                    use.put("toolUseId", u.id()).put("name", u.name()).set("input", input(u.argumentsJson()));
                }
                case ContentBlock.Image i -> { }
                case ContentBlock.ToolResult r -> { }
                case ContentBlock.CachePoint p -> { }
            }
        }
        root.put("stopReason", StopReasons.toWire(response.stopReason()));
        root.set("usage", UsageJson.encode(response.usage()));
        root.putObject("metrics").put("latencyMs", Math.max(0, latencyMs));
        return Json.bytes(root);
    }

    /**
     * Decodes an upstream Converse answer.
     *
     * @throws GatewayException {@code UPSTREAM_ERROR} naming the provider when the body is not a Converse answer
     */
    static ChatResponse decode(byte[] body, String id, String model, long createdEpochSeconds, String providerId) {
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (IOException e) {
            throw broken(providerId, "sent a response that is not valid JSON");
        }
        JsonNode content = root == null ? null : root.path("output").path("message").get("content");
        if (content == null || !content.isArray()) {
            throw broken(providerId, "sent a response without output.message.content");
        }
        List<ContentBlock> blocks = new ArrayList<>();
        for (JsonNode block : content) {
            JsonNode text = block.get("text");
            JsonNode use = block.get("toolUse");
            if (text != null && text.isTextual()) {
                blocks.add(new ContentBlock.Text(text.textValue()));
            } else if (use != null && use.isObject()) {
                JsonNode input = use.get("input");
                blocks.add(new ContentBlock.ToolUse(use.path("toolUseId").asText(""), use.path("name").asText(""),
                        input == null || input.isNull() ? "{}" : Json.text(input)));
            }
            // reasoningContent, citations and the like have no canonical form yet
        }
        return new ChatResponse(id, model, blocks, StopReasons.fromWire(root.path("stopReason").asText(null)), null,
                UsageJson.decode(root.get("usage")), createdEpochSeconds);
    }

    private static JsonNode input(String argumentsJson) {
        try {
            return Json.parse(argumentsJson);
        } catch (IOException e) {
            // the model produced broken JSON: hand it over as a string rather than lose it
            return Json.NODES.textNode(argumentsJson);
        }
    }

    static GatewayException broken(String providerId, String what) {
        return new GatewayException(new GatewayError(ErrorType.UPSTREAM_ERROR, 502,
                "provider '" + providerId + "' " + what, providerId, null, null));
    }
}
