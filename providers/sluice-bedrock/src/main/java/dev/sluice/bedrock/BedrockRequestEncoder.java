package dev.sluice.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.ResponseFormat;
import dev.sluice.api.chat.Role;
import dev.sluice.api.chat.Tool;
import dev.sluice.api.chat.ToolChoice;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.util.List;

/**
 * Encodes a canonical request as a Converse / ConverseStream body (the model goes in the URL, not the body).
 *
 * <p>System messages go to {@code system}; tool messages become {@code toolResult} blocks of a user message; messages
 * that end up with the same Bedrock role in a row are merged, since Bedrock wants the roles to alternate. Empty text
 * blocks are left out (Bedrock rejects blank text). Bedrock has no {@code none} tool choice: with it the tools are
 * left out unless the conversation already holds tool blocks (Bedrock then requires them), in which case they are
 * sent without a choice. {@code seed}, {@code user} and {@code parallelToolCalls} have no Converse equivalent and
 * are dropped. Cache points become {@code cachePoint} blocks (in {@code system}, a message's content and
 * {@code toolConfig.tools}) for the models that take them ({@link CachePoints#supported}), and are dropped for the
 * others. Stateless.
 */
final class BedrockRequestEncoder {

    private BedrockRequestEncoder() { }

    static byte[] encode(ChatRequest request) {
        ResponseFormat format = request.responseFormat();
        if (format != null && format.type() != ResponseFormat.Type.TEXT) {
            throw GatewayException.of(ErrorType.UNSUPPORTED_FEATURE,
                    "response_format " + format.type().name().toLowerCase() + " is not supported by Bedrock Converse");
        }
        ObjectNode root = Json.object();
        ArrayNode system = Json.MAPPER.createArrayNode();
        ArrayNode messages = root.putArray("messages");
        ObjectNode last = null;
        String lastRole = null;
        boolean caching = CachePoints.supported(request.model());
        for (Message m : request.messages()) {
            if (m.role() == Role.SYSTEM) {
                system(system, m, caching);
                continue;
            }
            String role = m.role() == Role.ASSISTANT ? "assistant" : "user";
            if (!role.equals(lastRole)) {
                last = messages.addObject().put("role", role);
                last.putArray("content");
                lastRole = role;
            }
            appendContent((ArrayNode) last.get("content"), m, caching);
        }
        if (!system.isEmpty()) {
            root.set("system", system);
        }
        ObjectNode inference = inference(request);
        if (!inference.isEmpty()) {
            root.set("inferenceConfig", inference);
        }
        ObjectNode tools = toolConfig(request, caching);
        if (tools != null) {
            root.set("toolConfig", tools);
        }
        return Json.bytes(root);
    }

    /** A system message: its text, or, when it holds cache points the model takes, its texts and cache points. */
    private static void system(ArrayNode system, Message m, boolean caching) {
        if (!caching || m.content().stream().noneMatch(ContentBlock.CachePoint.class::isInstance)) {
            system.addObject().put("text", m.text());
            return;
        }
        for (ContentBlock block : m.content()) {
            if (block instanceof ContentBlock.Text t && !t.text().isEmpty()) {
                system.addObject().put("text", t.text());
            } else if (block instanceof ContentBlock.CachePoint p && !system.isEmpty()) {
                system.add(CachePoints.encode(p));
            }
        }
    }

    private static void appendContent(ArrayNode content, Message m, boolean caching) {
        int before = content.size();
        for (ContentBlock block : m.content()) {
            switch (block) {
                case ContentBlock.Text t -> {
                    if (!t.text().isEmpty()) {
                        content.addObject().put("text", t.text());
                    }
                }
                case ContentBlock.Image i -> content.addObject().set("image", image(i));
                case ContentBlock.ToolUse u -> {
                    ObjectNode use = content.addObject().putObject("toolUse");
                    use.put("toolUseId", u.id()).put("name", u.name()).set("input", arguments(u));
                }
                case ContentBlock.ToolResult r -> {
                    ObjectNode result = content.addObject().putObject("toolResult");
                    result.put("toolUseId", r.toolUseId());
                    result.putArray("content").addObject().put("text", r.content());
                    if (r.isError()) {
                        // only sent when needed: several Bedrock models reject the status field
                        result.put("status", "error");
                    }
                }
                case ContentBlock.CachePoint p -> {
                    if (caching && !content.isEmpty()) {
                        content.add(CachePoints.encode(p));
                    }
                }
            }
        }
        if (content.size() == before && !m.content().isEmpty()) {
            // a message of empty texts only: keep one so that the turn is not lost
            content.addObject().put("text", " ");
        }
    }

    private static ObjectNode image(ContentBlock.Image image) {
        if (image.url() != null) {
            throw GatewayException.of(ErrorType.UNSUPPORTED_FEATURE,
                    "Bedrock takes images as bytes only, and Sluice does not fetch image URLs: send the image inline "
                            + "(base64)");
        }
        String format = ImageFormats.format(image.mediaType());
        if (format == null) {
            throw GatewayException.of(ErrorType.UNSUPPORTED_FEATURE,
                    "Bedrock takes png, jpeg, gif and webp images, not '" + image.mediaType() + "'");
        }
        ObjectNode node = Json.object().put("format", format);
        node.putObject("source").put("bytes", image.base64Data());
        return node;
    }

    private static JsonNode arguments(ContentBlock.ToolUse use) {
        try {
            return Json.parse(use.argumentsJson());
        } catch (IOException e) {
            throw GatewayException.invalid("the arguments of tool call '" + use.id() + "' are not valid JSON", null);
        }
    }

    private static ObjectNode inference(ChatRequest request) {
        ObjectNode node = Json.object();
        if (request.maxTokens() != null) {
            node.put("maxTokens", request.maxTokens());
        }
        if (request.temperature() != null) {
            node.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            node.put("topP", request.topP());
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stops = node.putArray("stopSequences");
            request.stop().forEach(stops::add);
        }
        return node;
    }

    private static ObjectNode toolConfig(ChatRequest request, boolean caching) {
        if (request.tools().isEmpty()) {
            return null;
        }
        ToolChoice choice = request.toolChoice();
        boolean none = choice != null && choice.mode() == ToolChoice.Mode.NONE;
        if (none && !hasToolBlocks(request.messages())) {
            return null;
        }
        ObjectNode config = Json.object();
        ArrayNode tools = config.putArray("tools");
        for (Tool t : request.tools()) {
            ObjectNode spec = tools.addObject().putObject("toolSpec");
            spec.put("name", t.name());
            if (t.description() != null && !t.description().isEmpty()) {
                spec.put("description", t.description());
            }
            spec.putObject("inputSchema").set("json", t.parameters());
            if (caching && t.cachePoint() != null) {
                tools.add(CachePoints.encode(t.cachePoint()));
            }
        }
        if (choice != null && !none) {
            ObjectNode c = config.putObject("toolChoice");
            switch (choice.mode()) {
                case AUTO -> c.putObject("auto");
                case ANY -> c.putObject("any");
                case TOOL -> c.putObject("tool").put("name", choice.name());
                case NONE -> { }
            }
        }
        return config;
    }

    private static boolean hasToolBlocks(List<Message> messages) {
        for (Message m : messages) {
            for (ContentBlock c : m.content()) {
                if (c instanceof ContentBlock.ToolUse || c instanceof ContentBlock.ToolResult) {
                    return true;
                }
            }
        }
        return false;
    }
}
