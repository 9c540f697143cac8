package dev.sluice.openai;

import static dev.sluice.openai.JsonFields.invalid;
import static dev.sluice.openai.JsonFields.opt;
import static dev.sluice.openai.JsonFields.optArray;
import static dev.sluice.openai.JsonFields.optObject;
import static dev.sluice.openai.JsonFields.optText;
import static dev.sluice.openai.JsonFields.requireText;
import static dev.sluice.openai.JsonFields.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.Role;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import java.util.ArrayList;
import java.util.List;

/** The {@code messages} array of a Chat Completions request to canonical {@link Message}s. Stateless. */
final class OpenAiMessageDecoder {

    private OpenAiMessageDecoder() { }

    static List<Message> decodeAll(JsonNode messages) {
        if (!messages.isArray()) {
            throw wrongType("messages", "an array", messages);
        }
        if (messages.isEmpty()) {
            throw invalid("messages", "must contain at least one message");
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            out.add(decode(messages.get(i), "messages[" + i + "]"));
        }
        return out;
    }

    private static Message decode(JsonNode m, String at) {
        if (!m.isObject()) {
            throw wrongType(at, "an object", m);
        }
        String role = requireText(m, "role", at);
        String name = optText(m, "name", at);
        return switch (role) {
            case "system", "developer" -> new Message(Role.SYSTEM, textOnly(m, at), name);
            case "user" -> new Message(Role.USER, userContent(m, at), name);
            case "assistant" -> new Message(Role.ASSISTANT, assistantContent(m, at), name);
            case "tool" -> new Message(Role.TOOL, List.of(toolResult(m, at)), name);
            default -> throw invalid(at + ".role",
                    "must be one of system, developer, user, assistant, tool; got '" + role + "'");
        };
    }

    private static List<ContentBlock> textOnly(JsonNode m, String at) {
        List<ContentBlock> blocks = new ArrayList<>();
        JsonNode content = JsonFields.require(m, "content", at);
        if (content.isTextual()) {
            blocks.add(new ContentBlock.Text(content.textValue()));
            return blocks;
        }
        JsonNode parts = contentParts(content, at);
        for (int j = 0; j < parts.size(); j++) {
            blocks.add(new ContentBlock.Text(textPart(parts.get(j), at + ".content[" + j + "]")));
        }
        return blocks;
    }

    private static List<ContentBlock> userContent(JsonNode m, String at) {
        JsonNode content = JsonFields.require(m, "content", at);
        if (content.isTextual()) {
            return List.of(new ContentBlock.Text(content.textValue()));
        }
        JsonNode parts = contentParts(content, at);
        List<ContentBlock> blocks = new ArrayList<>(parts.size());
        for (int j = 0; j < parts.size(); j++) {
            String partAt = at + ".content[" + j + "]";
            JsonNode part = parts.get(j);
            String type = part.isObject() ? optText(part, "type", partAt) : null;
            blocks.add("image_url".equals(type) ? image(part, partAt) : new ContentBlock.Text(textPart(part, partAt)));
        }
        return blocks;
    }

    private static List<ContentBlock> assistantContent(JsonNode m, String at) {
        List<ContentBlock> blocks = new ArrayList<>();
        JsonNode content = opt(m, "content");
        JsonNode calls = optArray(m, "tool_calls", at);
        if (content != null) {
            if (content.isTextual()) {
                if (!content.textValue().isEmpty() || calls == null || calls.isEmpty()) {
                    blocks.add(new ContentBlock.Text(content.textValue()));
                }
            } else {
                JsonNode parts = contentParts(content, at);
                for (int j = 0; j < parts.size(); j++) {
                    blocks.add(new ContentBlock.Text(textPart(parts.get(j), at + ".content[" + j + "]")));
                }
            }
        }
        if (calls != null) {
            for (int j = 0; j < calls.size(); j++) {
                blocks.add(toolCall(calls.get(j), at + ".tool_calls[" + j + "]"));
            }
        }
        if (blocks.isEmpty()) {
            throw invalid(at + ".content", "is required unless tool_calls is set");
        }
        return blocks;
    }

    private static ContentBlock.ToolUse toolCall(JsonNode call, String at) {
        if (!call.isObject()) {
            throw wrongType(at, "an object", call);
        }
        String type = optText(call, "type", at);
        if (type != null && !type.equals("function")) {
            throw invalid(at + ".type", "must be 'function', got '" + type + "'");
        }
        JsonNode fn = optObject(call, "function", at);
        if (fn == null) {
            throw invalid(at + ".function", "is required");
        }
        String args = optText(fn, "arguments", at + ".function");
        return new ContentBlock.ToolUse(requireText(call, "id", at), requireText(fn, "name", at + ".function"), args);
    }

    private static ContentBlock.ToolResult toolResult(JsonNode m, String at) {
        String id = requireText(m, "tool_call_id", at);
        StringBuilder text = new StringBuilder();
        for (ContentBlock b : textOnly(m, at)) {
            text.append(((ContentBlock.Text) b).text());
        }
        return new ContentBlock.ToolResult(id, text.toString(), false);
    }

    private static JsonNode contentParts(JsonNode content, String at) {
        if (!content.isArray()) {
            throw wrongType(at + ".content", "a string or an array of content parts", content);
        }
        return content;
    }

    private static String textPart(JsonNode part, String at) {
        if (!part.isObject()) {
            throw wrongType(at, "an object", part);
        }
        String type = requireText(part, "type", at);
        if (type.equals("text")) {
            String text = optText(part, "text", at);
            if (text == null) {
                throw invalid(at + ".text", "is required");
            }
            return text;
        }
        if (type.equals("image_url") || type.equals("input_audio") || type.equals("file")) {
            throw new GatewayException(new GatewayError(ErrorType.UNSUPPORTED_FEATURE, 400,
                    "content parts of type '" + type + "' are not supported here", null, null, at + ".type"));
        }
        throw invalid(at + ".type", "must be 'text' or 'image_url', got '" + type + "'");
    }

    private static ContentBlock.Image image(JsonNode part, String at) {
        JsonNode img = optObject(part, "image_url", at);
        if (img == null) {
            throw invalid(at + ".image_url", "is required");
        }
        String url = requireText(img, "url", at + ".image_url");
        if (url.startsWith("data:")) {
            return dataUri(url, at + ".image_url.url");
        }
        if (url.startsWith("https://") || url.startsWith("http://")) {
            return new ContentBlock.Image(null, null, url);
        }
        throw invalid(at + ".image_url.url", "must be an http(s) URL or a data: URI");
    }

    private static ContentBlock.Image dataUri(String url, String at) {
        int comma = url.indexOf(',');
        String meta = comma < 0 ? "" : url.substring(5, comma);
        if (comma < 0 || !meta.endsWith(";base64")) {
            throw invalid(at, "must be a base64 data URI such as data:image/png;base64,...");
        }
        String mediaType = meta.substring(0, meta.length() - ";base64".length());
        if (!mediaType.startsWith("image/")) {
            throw invalid(at, "must have an image media type, got '" + mediaType + "'");
        }
        return new ContentBlock.Image(mediaType, url.substring(comma + 1), null);
    }
}
