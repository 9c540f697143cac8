package dev.sluice.anthropic;

import static dev.sluice.api.json.JsonFieldReader.opt;
import static dev.sluice.api.json.JsonFieldReader.path;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.Role;
import dev.sluice.api.chat.Tool;
import dev.sluice.api.chat.ToolChoice;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.JsonFieldReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a caller's {@code POST /v1/messages} body into a {@link ChatRequest}. The {@code system} field becomes a
 * leading {@link Role#SYSTEM} message; a user turn's {@code tool_result} blocks become a {@link Role#TOOL} message,
 * followed by a user message with the turn's other blocks. {@code top_k} is checked and then ignored: the canonical
 * model has no place for it. A block's or a tool's {@code cache_control} becomes a {@link ContentBlock.CachePoint}
 * after it.
 */
final class AnthropicRequestDecoder {

    /** Checked reads worded as Anthropic words them: {@code model: Field required}. */
    private static final JsonFieldReader FIELDS =
            new JsonFieldReader((where, problem) -> where + ": " + problem, "Field required", false);

    private AnthropicRequestDecoder() { }

    static ChatRequest decode(byte[] body) {
        JsonNode root = FIELDS.parseObject(body);
        ChatRequest.Builder b = ChatRequest.builder();
        b.model(FIELDS.requireText(root, "model", ""));
        b.maxTokens(maxTokens(root));
        List<Message> messages = new ArrayList<>();
        system(root, messages);
        messages(root, messages);
        b.messages(messages);
        b.tools(tools(root));
        toolChoice(root, b);
        b.stop(stopSequences(root));
        b.temperature(FIELDS.optNumber(root, "temperature", "", 0, 1));
        b.topP(FIELDS.optNumber(root, "top_p", "", 0, 1));
        Long topK = FIELDS.optLong(root, "top_k", "");
        if (topK != null && topK < 0) {
            throw FIELDS.invalid("top_k", "must be at least 0, got " + topK);
        }
        JsonNode metadata = FIELDS.optObject(root, "metadata", "");
        if (metadata != null) {
            b.user(FIELDS.optText(metadata, "user_id", "metadata"));
        }
        boolean stream = Boolean.TRUE.equals(FIELDS.optBoolean(root, "stream", ""));
        b.stream(stream).includeUsage(stream);
        return b.build();
    }

    private static int maxTokens(JsonNode root) {
        FIELDS.require(root, "max_tokens", "");
        return FIELDS.optPositiveInt(root, "max_tokens", "");
    }

    private static void system(JsonNode root, List<Message> out) {
        JsonNode system = opt(root, "system");
        if (system == null) {
            return;
        }
        if (system.isTextual()) {
            if (!system.textValue().isEmpty()) {
                out.add(Message.system(system.textValue()));
            }
            return;
        }
        if (!system.isArray()) {
            throw FIELDS.wrongType("system", "a string or an array of text blocks", system);
        }
        List<ContentBlock> blocks = new ArrayList<>();
        for (int i = 0; i < system.size(); i++) {
            String where = path("system", i);
            JsonNode block = system.get(i);
            if (!block.isObject()) {
                throw FIELDS.wrongType(where, "a text block", block);
            }
            String type = FIELDS.requireText(block, "type", where);
            if (!type.equals("text")) {
                throw FIELDS.invalid(path(where, "type"), "system blocks must be of type 'text', got '" + type + "'");
            }
            blocks.add(new ContentBlock.Text(textOf(block, where)));
            cachePoint(block, where, blocks);
        }
        if (!blocks.isEmpty()) {
            out.add(new Message(Role.SYSTEM, blocks, null));
        }
    }

    private static void messages(JsonNode root, List<Message> out) {
        JsonNode messages = FIELDS.require(root, "messages", "");
        if (!messages.isArray()) {
            throw FIELDS.wrongType("messages", "an array", messages);
        }
        if (messages.isEmpty()) {
            throw FIELDS.invalid("messages", "must contain at least one message");
        }
        for (int i = 0; i < messages.size(); i++) {
            message(messages.get(i), path("messages", i), out);
        }
    }

    private static void message(JsonNode m, String where, List<Message> out) {
        if (!m.isObject()) {
            throw FIELDS.wrongType(where, "an object", m);
        }
        String role = FIELDS.requireText(m, "role", where);
        Role canonical = switch (role) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            default -> throw FIELDS.invalid(path(where, "role"), "must be 'user' or 'assistant', got '" + role + "'");
        };
        JsonNode content = FIELDS.require(m, "content", where);
        String contentPath = path(where, "content");
        if (content.isTextual()) {
            out.add(new Message(canonical, List.of(new ContentBlock.Text(content.textValue())), null));
            return;
        }
        if (!content.isArray()) {
            throw FIELDS.wrongType(contentPath, "a string or an array of content blocks", content);
        }
        List<ContentBlock> results = new ArrayList<>();
        List<ContentBlock> rest = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            ContentBlock block = block(content.get(i), path(contentPath, i), canonical);
            List<ContentBlock> into = block instanceof ContentBlock.ToolResult ? results : rest;
            into.add(block);
            cachePoint(content.get(i), path(contentPath, i), into);
        }
        if (!results.isEmpty()) {
            out.add(new Message(Role.TOOL, results, null));
            if (!rest.isEmpty()) {
                out.add(new Message(Role.USER, rest, null));
            }
        } else {
            out.add(new Message(canonical, rest, null));
        }
    }

    private static ContentBlock block(JsonNode block, String where, Role role) {
        if (!block.isObject()) {
            throw FIELDS.wrongType(where, "a content block object", block);
        }
        String type = FIELDS.requireText(block, "type", where);
        return switch (type) {
            case "text" -> new ContentBlock.Text(textOf(block, where));
            case "image" -> image(block, where);
            case "tool_use" -> {
                if (role != Role.ASSISTANT) {
                    throw FIELDS.invalid(path(where, "type"), "tool_use blocks may only appear in assistant messages");
                }
                yield toolUse(block, where);
            }
            case "tool_result" -> {
                if (role != Role.USER) {
                    throw FIELDS.invalid(path(where, "type"), "tool_result blocks may only appear in user messages");
                }
                yield toolResult(block, where);
            }
            case "document", "thinking", "redacted_thinking", "server_tool_use", "web_search_tool_result",
                 "search_result", "container_upload" -> throw unsupported(path(where, "type"),
                    "content blocks of type '" + type + "' are not supported by this gateway");
            default -> throw FIELDS.invalid(path(where, "type"), "unknown content block type '" + type
                    + "'; expected text, image, tool_use or tool_result");
        };
    }

    /** Adds the cache point of {@code block}'s {@code cache_control}, if it has one, after it. */
    private static void cachePoint(JsonNode block, String where, List<ContentBlock> into) {
        ContentBlock.CachePoint point = CacheControl.decode(block, where);
        if (point != null) {
            into.add(point);
        }
    }

    private static String textOf(JsonNode block, String where) {
        JsonNode text = FIELDS.require(block, "text", where);
        if (!text.isTextual()) {
            throw FIELDS.wrongType(path(where, "text"), "a string", text);
        }
        return text.textValue();
    }

    private static ContentBlock.Image image(JsonNode block, String where) {
        String sourcePath = path(where, "source");
        JsonNode source = FIELDS.require(block, "source", where);
        if (!source.isObject()) {
            throw FIELDS.wrongType(sourcePath, "an object", source);
        }
        String type = FIELDS.requireText(source, "type", sourcePath);
        return switch (type) {
            case "base64" -> new ContentBlock.Image(FIELDS.requireText(source, "media_type", sourcePath),
                    FIELDS.requireText(source, "data", sourcePath), null);
            case "url" -> new ContentBlock.Image(null, null, FIELDS.requireText(source, "url", sourcePath));
            case "file" -> throw unsupported(path(sourcePath, "type"), "images by file id are not supported");
            default -> throw FIELDS.invalid(path(sourcePath, "type"), "must be 'base64' or 'url', got '" + type + "'");
        };
    }

    private static ContentBlock.ToolUse toolUse(JsonNode block, String where) {
        String id = FIELDS.requireText(block, "id", where);
        String name = FIELDS.requireText(block, "name", where);
        JsonNode input = FIELDS.require(block, "input", where);
        if (!input.isObject()) {
            throw FIELDS.wrongType(path(where, "input"), "an object", input);
        }
        return new ContentBlock.ToolUse(id, name, dev.sluice.api.json.Json.text(input));
    }

    private static ContentBlock.ToolResult toolResult(JsonNode block, String where) {
        String id = FIELDS.requireText(block, "tool_use_id", where);
        boolean isError = Boolean.TRUE.equals(FIELDS.optBoolean(block, "is_error", where));
        JsonNode content = opt(block, "content");
        String contentPath = path(where, "content");
        if (content == null) {
            return new ContentBlock.ToolResult(id, "", isError);
        }
        if (content.isTextual()) {
            return new ContentBlock.ToolResult(id, content.textValue(), isError);
        }
        if (!content.isArray()) {
            throw FIELDS.wrongType(contentPath, "a string or an array of text blocks", content);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            String p = path(contentPath, i);
            JsonNode part = content.get(i);
            if (!part.isObject()) {
                throw FIELDS.wrongType(p, "a content block object", part);
            }
            String type = FIELDS.requireText(part, "type", p);
            if (type.equals("image")) {
                image(part, p);
                throw unsupported(path(p, "type"), "images inside tool results are not supported");
            }
            if (!type.equals("text")) {
                throw FIELDS.invalid(path(p, "type"),
                        "tool result blocks must be 'text' or 'image', got '" + type + "'");
            }
            text.append(textOf(part, p));
        }
        return new ContentBlock.ToolResult(id, text.toString(), isError);
    }

    private static List<Tool> tools(JsonNode root) {
        JsonNode tools = FIELDS.optArray(root, "tools", "");
        if (tools == null) {
            return List.of();
        }
        List<Tool> out = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            String where = path("tools", i);
            JsonNode t = tools.get(i);
            if (!t.isObject()) {
                throw FIELDS.wrongType(where, "an object", t);
            }
            String type = FIELDS.optText(t, "type", where);
            if (type != null && !type.equals("custom")) {
                throw unsupported(path(where, "type"), "server tools ('" + type + "') are not supported");
            }
            String name = FIELDS.requireText(t, "name", where);
            String description = FIELDS.optText(t, "description", where);
            JsonNode schema = FIELDS.require(t, "input_schema", where);
            if (!schema.isObject()) {
                throw FIELDS.wrongType(path(where, "input_schema"), "a JSON Schema object", schema);
            }
            out.add(new Tool(name, description, schema, null, CacheControl.decode(t, where)));
        }
        return out;
    }

    private static void toolChoice(JsonNode root, ChatRequest.Builder b) {
        JsonNode choice = FIELDS.optObject(root, "tool_choice", "");
        if (choice == null) {
            return;
        }
        String type = FIELDS.requireText(choice, "type", "tool_choice");
        b.toolChoice(switch (type) {
            case "auto" -> ToolChoice.AUTO;
            case "any" -> ToolChoice.ANY;
            case "none" -> ToolChoice.NONE;
            case "tool" -> ToolChoice.tool(FIELDS.requireText(choice, "name", "tool_choice"));
            default -> throw FIELDS.invalid("tool_choice.type",
                    "must be one of auto, any, tool, none; got '" + type + "'");
        });
        if (Boolean.TRUE.equals(FIELDS.optBoolean(choice, "disable_parallel_tool_use", "tool_choice"))) {
            b.parallelToolCalls(false);
        }
    }

    private static List<String> stopSequences(JsonNode root) {
        JsonNode stops = FIELDS.optArray(root, "stop_sequences", "");
        if (stops == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < stops.size(); i++) {
            JsonNode s = stops.get(i);
            if (!s.isTextual()) {
                throw FIELDS.wrongType(path("stop_sequences", i), "a string", s);
            }
            out.add(s.textValue());
        }
        return out;
    }

    private static GatewayException unsupported(String where, String problem) {
        return new GatewayException(new GatewayError(ErrorType.UNSUPPORTED_FEATURE, 400, where + ": " + problem,
                null, null, where));
    }
}
