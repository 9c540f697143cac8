package dev.sluice.openai;

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

/** The {@code chat.completion} object to and from {@link ChatResponse}. Stateless. */
final class OpenAiResponseCodec {

    private OpenAiResponseCodec() { }

    static ObjectNode encode(ChatResponse r, String publicModel) {
        ObjectNode root = Json.object();
        root.put("id", r.id());
        root.put("object", "chat.completion");
        root.put("created", r.createdEpochSeconds());
        root.put("model", publicModel);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        List<ContentBlock.ToolUse> calls = r.toolUses();
        if (calls.isEmpty() || !r.text().isEmpty()) {
            message.put("content", r.text());
        } else {
            message.putNull("content");
        }
        message.putNull("refusal");
        if (!calls.isEmpty()) {
            ArrayNode arr = message.putArray("tool_calls");
            for (ContentBlock.ToolUse u : calls) {
                ObjectNode call = arr.addObject().put("id", u.id()).put("type", "function");
                call.putObject("function").put("name", u.name()).put("arguments", u.argumentsJson());
            }
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", FinishReasons.toWire(r.stopReason()));
        root.set("usage", UsageJson.encode(r.usage()));
        return root;
    }

    /**
     * Reads an upstream's answer.
     *
     * @throws GatewayException {@code UPSTREAM_ERROR} when the body is not a chat completion
     */
    static ChatResponse decode(byte[] body, String providerId) {
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (IOException e) {
            throw malformed(providerId, "is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw malformed(providerId, "is not a JSON object");
        }
        JsonNode choice = root.path("choices").path(0);
        JsonNode message = choice.path("message");
        if (!message.isObject()) {
            throw malformed(providerId, "has no choices[0].message");
        }
        List<ContentBlock> content = new ArrayList<>();
        JsonNode text = message.get("content");
        JsonNode refusal = message.get("refusal");
        boolean refused = refusal != null && refusal.isTextual() && (text == null || text.isNull());
        if (text != null && text.isTextual() && !text.textValue().isEmpty()) {
            content.add(new ContentBlock.Text(text.textValue()));
        } else if (refused) {
            content.add(new ContentBlock.Text(refusal.textValue()));
        }
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode fn = call.path("function");
            content.add(new ContentBlock.ToolUse(call.path("id").asText(""), fn.path("name").asText(""),
                    fn.path("arguments").asText("{}")));
        }
        if (content.isEmpty() && text != null && text.isTextual()) {
            content.add(new ContentBlock.Text(""));
        }
        String finish = choice.path("finish_reason").isTextual() ? choice.get("finish_reason").textValue() : null;
        StopReason reason = FinishReasons.fromWire(finish, refused);
        return new ChatResponse(root.path("id").asText(""), root.path("model").asText(""), content, reason, null,
                UsageJson.decode(root.get("usage")), root.path("created").asLong(0));
    }

    private static GatewayException malformed(String providerId, String problem) {
        String who = providerId == null ? "the provider" : "provider '" + providerId + "'";
        return new GatewayException(new GatewayError(ErrorType.UPSTREAM_ERROR, 502,
                "the answer from " + who + " " + problem, providerId, null, null));
    }
}
