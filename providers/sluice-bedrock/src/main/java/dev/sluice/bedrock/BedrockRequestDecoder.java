package dev.sluice.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.Role;
import dev.sluice.api.chat.Tool;
import dev.sluice.api.chat.ToolChoice;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decodes a caller's Converse / ConverseStream body into a canonical request, validating it as Bedrock does.
 * {@code additionalModelRequestFields} and other fields Sluice has no use for are ignored. Stateless.
 */
final class BedrockRequestDecoder {

    private static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final int MAX_STOP_SEQUENCES = 2500;

    private BedrockRequestDecoder() { }

    static ChatRequest decode(byte[] body, String modelId) {
        if (modelId == null || modelId.isBlank()) {
            throw Fields.invalid("modelId", "failed to satisfy constraint: Member must not be empty");
        }
        JsonNode root = parse(body);
        List<Message> messages = new ArrayList<>();
        JsonNode system = Fields.array(root, "system", "system", false);
        if (system != null) {
            for (int i = 0; i < system.size(); i++) {
                JsonNode block = system.get(i);
                String text = systemText(block, "system[" + i + "]");
                if (text != null) {
                    messages.add(Message.system(text));
                } else if (!messages.isEmpty()) { // a cache point: it goes after the system text before it
                    Message last = messages.removeLast();
                    List<ContentBlock> content = new ArrayList<>(last.content());
                    content.add(CachePoints.decode(block.get("cachePoint"), "system[" + i + "].cachePoint"));
                    messages.add(new Message(Role.SYSTEM, content, null));
                }
            }
        }
        JsonNode list = Fields.array(root, "messages", "messages", true);
        if (list.isEmpty()) {
            throw Fields.invalid("messages", "failed to satisfy constraint: Member must have at least 1 item");
        }
        for (int i = 0; i < list.size(); i++) {
            messages.addAll(BedrockContentDecoder.decodeMessage(list.get(i), "messages[" + i + "]"));
        }
        ChatRequest.Builder b = ChatRequest.builder().model(modelId).messages(messages);
        inference(Fields.object(root, "inferenceConfig", "inferenceConfig", false), b);
        tools(Fields.object(root, "toolConfig", "toolConfig", false), b);
        return b.build();
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw GatewayException.invalid("the request body is empty: a Converse request is a JSON object", null);
        }
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (IOException e) {
            throw GatewayException.invalid("the request body is not valid JSON", null);
        }
        if (root == null || !root.isObject()) {
            throw GatewayException.invalid("the request body must be a JSON object", null);
        }
        return root;
    }

    private static String systemText(JsonNode block, String path) {
        if (!block.isObject() || block.size() != 1) {
            throw Fields.invalid(path, "must be an object with exactly one member (text, guardContent, cachePoint)");
        }
        String kind = block.fieldNames().next();
        return switch (kind) {
            case "text" -> Fields.text(block, "text", path + ".text", true);
            case "guardContent" ->
                    Fields.text(block.path("guardContent").path("text"), "text", path + ".guardContent.text.text",
                            true);
            case "cachePoint" -> null;
            default -> throw Fields.invalid(path, "has an unknown system content block type '" + kind + "'");
        };
    }

    private static void inference(JsonNode config, ChatRequest.Builder b) {
        if (config == null) {
            return;
        }
        b.maxTokens(Fields.integer(config, "maxTokens", "inferenceConfig.maxTokens", 1));
        b.temperature(Fields.fraction(config, "temperature", "inferenceConfig.temperature"));
        b.topP(Fields.fraction(config, "topP", "inferenceConfig.topP"));
        JsonNode stops = Fields.array(config, "stopSequences", "inferenceConfig.stopSequences", false);
        if (stops != null) {
            if (stops.size() > MAX_STOP_SEQUENCES) {
                throw Fields.invalid("inferenceConfig.stopSequences",
                        "failed to satisfy constraint: Member must have at most " + MAX_STOP_SEQUENCES + " items");
            }
            List<String> stop = new ArrayList<>();
            for (int i = 0; i < stops.size(); i++) {
                JsonNode s = stops.get(i);
                String at = "inferenceConfig.stopSequences[" + i + "]";
                if (!s.isTextual()) {
                    throw Fields.invalid(at, "must be a string");
                }
                if (s.textValue().isEmpty()) {
                    throw Fields.invalid(at, "failed to satisfy constraint: Member must have length greater than "
                            + "or equal to 1");
                }
                stop.add(s.textValue());
            }
            b.stop(stop);
        }
    }

    private static void tools(JsonNode config, ChatRequest.Builder b) {
        if (config == null) {
            return;
        }
        JsonNode list = Fields.array(config, "tools", "toolConfig.tools", true);
        if (list.isEmpty()) {
            throw Fields.invalid("toolConfig.tools", "failed to satisfy constraint: Member must have at least 1 item");
        }
        List<Tool> tools = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "toolConfig.tools[" + i + "]";
            JsonNode entry = list.get(i);
            if (!entry.isObject()) {
                throw Fields.invalid(at, "must be an object");
            }
            if (Fields.get(entry, "cachePoint") != null) {
                ContentBlock.CachePoint point = CachePoints.decode(entry.get("cachePoint"), at + ".cachePoint");
                if (!tools.isEmpty()) {
                    tools.add(tools.removeLast().withCachePoint(point));
                }
                continue;
            }
            tools.add(tool(Fields.object(entry, "toolSpec", at + ".toolSpec", true), at + ".toolSpec"));
        }
        b.tools(tools);
        JsonNode choice = Fields.object(config, "toolChoice", "toolConfig.toolChoice", false);
        if (choice != null) {
            b.toolChoice(toolChoice(choice));
        }
    }

    private static Tool tool(JsonNode spec, String path) {
        String name = Fields.text(spec, "name", path + ".name", true);
        if (!TOOL_NAME.matcher(name).matches()) {
            throw Fields.invalid(path + ".name",
                    "failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+ "
                            + "and have length between 1 and 64");
        }
        String description = Fields.text(spec, "description", path + ".description", false);
        if (description != null && description.isEmpty()) {
            throw Fields.invalid(path + ".description",
                    "failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        JsonNode schema = Fields.object(spec, "inputSchema", path + ".inputSchema", true);
        JsonNode json = Fields.object(schema, "json", path + ".inputSchema.json", true);
        return new Tool(name, description, json, null);
    }

    private static ToolChoice toolChoice(JsonNode choice) {
        if (choice.size() != 1) {
            throw Fields.invalid("toolConfig.toolChoice", "must have exactly one member: auto, any or tool");
        }
        String kind = choice.fieldNames().next();
        return switch (kind) {
            case "auto" -> ToolChoice.AUTO;
            case "any" -> ToolChoice.ANY;
            case "tool" -> ToolChoice.tool(Fields.nonEmpty(
                    Fields.object(choice, "tool", "toolConfig.toolChoice.tool", true), "name",
                    "toolConfig.toolChoice.tool.name"));
            default -> throw Fields.invalid("toolConfig.toolChoice",
                    "has an unknown member '" + kind + "' (expected auto, any or tool)");
        };
    }
}
