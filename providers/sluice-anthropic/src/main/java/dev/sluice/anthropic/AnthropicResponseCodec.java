package dev.sluice.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A whole Messages API answer ({@code "type":"message"}) to and from {@link ChatResponse}. */
final class AnthropicResponseCodec {

    private AnthropicResponseCodec() { }

    static ObjectNode encode(ChatResponse response, String publicModel) {
        ObjectNode root = Json.object();
        root.put("id", response.id());
        root.put("type", "message");
        root.put("role", "assistant");
        root.put("model", publicModel);
        ArrayNode content = root.putArray("content");
        for (ContentBlock block : response.content()) {
            switch (block) {
                case ContentBlock.Text t -> content.addObject().put("type", "text").put("text", t.text());
                case ContentBlock.ToolUse u -> content.addObject().put("type", "tool_use").put("id", u.id())
                        .put("name", u.name()).set("input", arguments(u));
                case ContentBlock.Image ignored -> { }
                case ContentBlock.ToolResult ignored -> { }
                case ContentBlock.CachePoint ignored -> { }
            }
        }
        root.put("stop_reason", StopReasons.toWire(response.stopReason()));
        if (response.stopReason() == StopReason.STOP_SEQUENCE && response.stopSequence() != null) {
            root.put("stop_sequence", response.stopSequence());
        } else {
            root.putNull("stop_sequence");
        }
        UsageJson.write(response.usage(), root.putObject("usage"));
        return root;
    }

    /** The tool call's arguments as a JSON object; text that is not an object is kept under {@code _raw}. */
    static JsonNode arguments(ContentBlock.ToolUse use) {
        try {
            JsonNode n = Json.parse(use.argumentsJson());
            if (n != null && n.isObject()) {
                return n;
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through
        }
        return Json.object().put("_raw", use.argumentsJson());
    }

    static ChatResponse decode(byte[] body, String providerId, long createdEpochSeconds) {
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (IOException e) {
            throw broken(providerId, "answered with JSON that cannot be read");
        }
        if (root == null || !root.isObject() || !"message".equals(root.path("type").asText())) {
            throw broken(providerId, "answered with something that is not a message");
        }
        List<ContentBlock> content = new ArrayList<>();
        for (JsonNode block : root.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> content.add(new ContentBlock.Text(block.path("text").asText("")));
                case "tool_use" -> content.add(new ContentBlock.ToolUse(block.path("id").asText(""),
                        block.path("name").asText(""), Json.text(block.path("input").isObject()
                        ? block.path("input") : Json.object())));
                default -> { } // thinking and server-tool blocks have no canonical form
            }
        }
        JsonNode stopSequence = root.get("stop_sequence");
        return new ChatResponse(root.path("id").asText(""), root.path("model").asText(""), content,
                StopReasons.fromWire(root.path("stop_reason").textValue()),
                stopSequence != null && stopSequence.isTextual() ? stopSequence.textValue() : null,
                UsageJson.read(root.get("usage")), createdEpochSeconds);
    }

    static GatewayException broken(String providerId, String problem) {
        String who = providerId == null ? "the upstream" : "provider '" + providerId + "'";
        return new GatewayException(new GatewayError(ErrorType.UPSTREAM_ERROR, 502, who + " " + problem,
                providerId, null, null));
    }
}
