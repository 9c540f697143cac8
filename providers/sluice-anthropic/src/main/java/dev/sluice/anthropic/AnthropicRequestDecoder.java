package dev.sluice.anthropic;

import static dev.sluice.anthropic.Fields.at;
import static dev.sluice.anthropic.Fields.invalid;
import static dev.sluice.anthropic.Fields.opt;
import static dev.sluice.anthropic.Fields.optArray;
import static dev.sluice.anthropic.Fields.optBoolean;
import static dev.sluice.anthropic.Fields.optLong;
import static dev.sluice.anthropic.Fields.optNumber;
import static dev.sluice.anthropic.Fields.optObject;
import static dev.sluice.anthropic.Fields.optText;
import static dev.sluice.anthropic.Fields.require;
import static dev.sluice.anthropic.Fields.requireText;
import static dev.sluice.anthropic.Fields.wrongType;

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
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a caller's {@code POST /v1/messages} body into a {@link ChatRequest}. The {@code system} field becomes a
 * leading {@link Role#SYSTEM} message; a user turn's {@code tool_result} blocks become a {@link Role#TOOL} message,
 * followed by a user message with the turn's other blocks. {@code top_k} is checked and then ignored: the canonical
 * model has no place for it.
 */
final class AnthropicRequestDecoder {

    private AnthropicRequestDecoder() { }

    static ChatRequest decode(byte[] body) {
        JsonNode root = Fields.parseObject(body);
        ChatRequest.Builder b = ChatRequest.builder();
        b.model(requireText(root, "model", ""));
        b.maxTokens(maxTokens(root));
        List<Message> messages = new ArrayList<>();
        system(root, messages);
        messages(root, messages);
        b.messages(messages);
        b.tools(tools(root));
        toolChoice(root, b);
        b.stop(stopSequences(root));
        b.temperature(optNumber(root, "temperature", "", 0, 1));
        b.topP(optNumber(root, "top_p", "", 0, 1));
        Long topK = optLong(root, "top_k", "");
        if (topK != null && topK < 0) {
            throw invalid("top_k", "must be at least 0, got " + topK);
        }
        JsonNode metadata = optObject(root, "metadata", "");
        if (metadata != null) {
            b.user(optText(metadata, "user_id", "metadata"));
        }
        boolean stream = Boolean.TRUE.equals(optBoolean(root, "stream", ""));
        b.stream(stream).includeUsage(stream);
        return b.build();
    }

    private static int maxTokens(JsonNode root) {
        require(root, "max_tokens", "");
        Long v = optLong(root, "max_tokens", "");
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw invalid("max_tokens", "must be a positive integer, got " + v);
        }
        return v.intValue();
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
            throw wrongType("system", "a string or an array of text blocks", system);
        }
        List<ContentBlock> blocks = new ArrayList<>();
        for (int i = 0; i < system.size(); i++) {
            String path = at("system", i);
            JsonNode block = system.get(i);
            if (!block.isObject()) {
                throw wrongType(path, "a text block", block);
            }
            String type = requireText(block, "type", path);
            if (!type.equals("text")) {
                throw invalid(at(path, "type"), "system blocks must be of type 'text', got '" + type + "'");
            }
            blocks.add(new ContentBlock.Text(textOf(block, path)));
        }
        if (!blocks.isEmpty()) {
            out.add(new Message(Role.SYSTEM, blocks, null));
        }
    }

    private static void messages(JsonNode root, List<Message> out) {
        JsonNode messages = require(root, "messages", "");
        if (!messages.isArray()) {
            throw wrongType("messages", "an array", messages);
        }
        if (messages.isEmpty()) {
            throw invalid("messages", "must contain at least one message");
        }
        for (int i = 0; i < messages.size(); i++) {
            message(messages.get(i), at("messages", i), out);
        }
    }

    private static void message(JsonNode m, String path, List<Message> out) {
        if (!m.isObject()) {
            throw wrongType(path, "an object", m);
        }
        String role = requireText(m, "role", path);
        Role canonical = switch (role) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            default -> throw invalid(at(path, "role"), "must be 'user' or 'assistant', got '" + role + "'");
        };
        JsonNode content = require(m, "content", path);
        String contentPath = at(path, "content");
        if (content.isTextual()) {
            out.add(new Message(canonical, List.of(new ContentBlock.Text(content.textValue())), null));
            return;
        }
        if (!content.isArray()) {
            throw wrongType(contentPath, "a string or an array of content blocks", content);
        }
        List<ContentBlock> results = new ArrayList<>();
        List<ContentBlock> rest = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            ContentBlock block = block(content.get(i), at(contentPath, i), canonical);
            (block instanceof ContentBlock.ToolResult ? results : rest).add(block);
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

    private static ContentBlock block(JsonNode block, String path, Role role) {
        if (!block.isObject()) {
            throw wrongType(path, "a content block object", block);
        }
        String type = requireText(block, "type", path);
        return switch (type) {
            case "text" -> new ContentBlock.Text(textOf(block, path));
            case "image" -> image(block, path);
            case "tool_use" -> {
                if (role != Role.ASSISTANT) {
                    throw invalid(at(path, "type"), "tool_use blocks may only appear in assistant messages");
                }
                yield toolUse(block, path);
            }
            case "tool_result" -> {
                if (role != Role.USER) {
                    throw invalid(at(path, "type"), "tool_result blocks may only appear in user messages");
                }
                yield toolResult(block, path);
            }
            case "document", "thinking", "redacted_thinking", "server_tool_use", "web_search_tool_result",
                 "search_result", "container_upload" -> throw unsupported(at(path, "type"),
                    "content blocks of type '" + type + "' are not supported by this gateway");
            default -> throw invalid(at(path, "type"), "unknown content block type '" + type
                    + "'; expected text, image, tool_use or tool_result");
        };
    }

    private static String textOf(JsonNode block, String path) {
        JsonNode text = require(block, "text", path);
        if (!text.isTextual()) {
            throw wrongType(at(path, "text"), "a string", text);
        }
        return text.textValue();
    }

    private static ContentBlock.Image image(JsonNode block, String path) {
        String sourcePath = at(path, "source");
        JsonNode source = require(block, "source", path);
        if (!source.isObject()) {
            throw wrongType(sourcePath, "an object", source);
        }
        String type = requireText(source, "type", sourcePath);
        return switch (type) {
            case "base64" -> new ContentBlock.Image(requireText(source, "media_type", sourcePath),
                    requireText(source, "data", sourcePath), null);
            case "url" -> new ContentBlock.Image(null, null, requireText(source, "url", sourcePath));
            case "file" -> throw unsupported(at(sourcePath, "type"), "images by file id are not supported");
            default -> throw invalid(at(sourcePath, "type"), "must be 'base64' or 'url', got '" + type + "'");
        };
    }

    private static ContentBlock.ToolUse toolUse(JsonNode block, String path) {
        String id = requireText(block, "id", path);
        String name = requireText(block, "name", path);
        JsonNode input = require(block, "input", path);
        if (!input.isObject()) {
            throw wrongType(at(path, "input"), "an object", input);
        }
        return new ContentBlock.ToolUse(id, name, dev.sluice.api.json.Json.text(input));
    }

    private static ContentBlock.ToolResult toolResult(JsonNode block, String path) {
        String id = requireText(block, "tool_use_id", path);
        boolean isError = Boolean.TRUE.equals(optBoolean(block, "is_error", path));
        JsonNode content = opt(block, "content");
        String contentPath = at(path, "content");
        if (content == null) {
            return new ContentBlock.ToolResult(id, "", isError);
        }
        if (content.isTextual()) {
            return new ContentBlock.ToolResult(id, content.textValue(), isError);
        }
        if (!content.isArray()) {
            throw wrongType(contentPath, "a string or an array of text blocks", content);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            String p = at(contentPath, i);
            JsonNode part = content.get(i);
            if (!part.isObject()) {
                throw wrongType(p, "a content block object", part);
            }
            String type = requireText(part, "type", p);
            if (type.equals("image")) {
                image(part, p);
                throw unsupported(at(p, "type"), "images inside tool results are not supported");
            }
            if (!type.equals("text")) {
                throw invalid(at(p, "type"), "tool result blocks must be 'text' or 'image', got '" + type + "'");
            }
            text.append(textOf(part, p));
        }
        return new ContentBlock.ToolResult(id, text.toString(), isError);
    }

    private static List<Tool> tools(JsonNode root) {
        JsonNode tools = optArray(root, "tools", "");
        if (tools == null) {
            return List.of();
        }
        List<Tool> out = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            String path = at("tools", i);
            JsonNode t = tools.get(i);
            if (!t.isObject()) {
                throw wrongType(path, "an object", t);
            }
            String type = optText(t, "type", path);
            if (type != null && !type.equals("custom")) {
                throw unsupported(at(path, "type"), "server tools ('" + type + "') are not supported");
            }
            String name = requireText(t, "name", path);
            String description = optText(t, "description", path);
            JsonNode schema = require(t, "input_schema", path);
            if (!schema.isObject()) {
                throw wrongType(at(path, "input_schema"), "a JSON Schema object", schema);
            }
            out.add(new Tool(name, description, schema, null));
        }
        return out;
    }

    private static void toolChoice(JsonNode root, ChatRequest.Builder b) {
        JsonNode choice = optObject(root, "tool_choice", "");
        if (choice == null) {
            return;
        }
        String type = requireText(choice, "type", "tool_choice");
        b.toolChoice(switch (type) {
            case "auto" -> ToolChoice.AUTO;
            case "any" -> ToolChoice.ANY;
            case "none" -> ToolChoice.NONE;
            case "tool" -> ToolChoice.tool(requireText(choice, "name", "tool_choice"));
            default -> throw invalid("tool_choice.type", "must be one of auto, any, tool, none; got '" + type + "'");
        });
        if (Boolean.TRUE.equals(optBoolean(choice, "disable_parallel_tool_use", "tool_choice"))) {
            b.parallelToolCalls(false);
        }
    }

    private static List<String> stopSequences(JsonNode root) {
        JsonNode stops = optArray(root, "stop_sequences", "");
        if (stops == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < stops.size(); i++) {
            JsonNode s = stops.get(i);
            if (!s.isTextual()) {
                throw wrongType(at("stop_sequences", i), "a string", s);
            }
            out.add(s.textValue());
        }
        return out;
    }

    private static GatewayException unsupported(String path, String problem) {
        return new GatewayException(new GatewayError(ErrorType.UNSUPPORTED_FEATURE, 400, path + ": " + problem,
                null, null, path));
    }
}
