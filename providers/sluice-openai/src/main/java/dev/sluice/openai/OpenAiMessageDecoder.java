package dev.sluice.openai;

import static dev.sluice.openai.OpenAiRequestDecoder.FIELDS;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.Role;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.JsonFieldReader;
import java.util.ArrayList;
import java.util.List;

/** The {@code messages} array of a Chat Completions request to canonical {@link Message}s. Stateless. */
final class OpenAiMessageDecoder {

    private OpenAiMessageDecoder() { }

    static List<Message> decodeAll(JsonNode messages) {
        if (!messages.isArray()) {
            throw FIELDS.wrongType("messages", "an array", messages);
        }
        if (messages.isEmpty()) {
            throw FIELDS.invalid("messages", "must contain at least one message");
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            out.add(decode(messages.get(i), "messages[" + i + "]"));
        }
        return out;
    }

    private static Message decode(JsonNode m, String at) {
        if (!m.isObject()) {
            throw FIELDS.wrongType(at, "an object", m);
        }
        String role = FIELDS.requireText(m, "role", at);
        String name = FIELDS.optText(m, "name", at);
        return switch (role) {
            case "system", "developer" -> new Message(Role.SYSTEM, textOnly(m, at), name);
            case "user" -> new Message(Role.USER, userContent(m, at), name);
            case "assistant" -> new Message(Role.ASSISTANT, assistantContent(m, at), name);
            case "tool" -> new Message(Role.TOOL, List.of(toolResult(m, at)), name);
            default -> throw FIELDS.invalid(at + ".role",
                    "must be one of system, developer, user, assistant, tool; got '" + role + "'");
        };
    }

    private static List<ContentBlock> textOnly(JsonNode m, String at) {
        List<ContentBlock> blocks = new ArrayList<>();
        JsonNode content = FIELDS.require(m, "content", at);
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
        JsonNode content = FIELDS.require(m, "content", at);
        if (content.isTextual()) {
            return List.of(new ContentBlock.Text(content.textValue()));
        }
        JsonNode parts = contentParts(content, at);
        List<ContentBlock> blocks = new ArrayList<>(parts.size());
        for (int j = 0; j < parts.size(); j++) {
            String partAt = at + ".content[" + j + "]";
            JsonNode part = parts.get(j);
            String type = part.isObject() ? FIELDS.optText(part, "type", partAt) : null;
            blocks.add("image_url".equals(type) ? image(part, partAt) : new ContentBlock.Text(textPart(part, partAt)));
        }
        return blocks;
    }

    private static List<ContentBlock> assistantContent(JsonNode m, String at) {
        List<ContentBlock> blocks = new ArrayList<>();
        JsonNode content = JsonFieldReader.opt(m, "content");
        JsonNode calls = FIELDS.optArray(m, "tool_calls", at);
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
            throw FIELDS.invalid(at + ".content", "is required unless tool_calls is set");
        }
        return blocks;
    }

    private static ContentBlock.ToolUse toolCall(JsonNode call, String at) {
        if (!call.isObject()) {
            throw FIELDS.wrongType(at, "an object", call);
        }
        String type = FIELDS.optText(call, "type", at);
        if (type != null && !type.equals("function")) {
            throw FIELDS.invalid(at + ".type", "must be 'function', got '" + type + "'");
        }
        JsonNode fn = FIELDS.optObject(call, "function", at);
        if (fn == null) {
            throw FIELDS.invalid(at + ".function", "is required");
        }
        String args = FIELDS.optText(fn, "arguments", at + ".function");
        return new ContentBlock.ToolUse(FIELDS.requireText(call, "id", at),
                FIELDS.requireText(fn, "name", at + ".function"), args);
    }

    private static ContentBlock.ToolResult toolResult(JsonNode m, String at) {
        String id = FIELDS.requireText(m, "tool_call_id", at);
        StringBuilder text = new StringBuilder();
        for (ContentBlock b : textOnly(m, at)) {
            text.append(((ContentBlock.Text) b).text());
        }
        return new ContentBlock.ToolResult(id, text.toString(), false);
    }

    private static JsonNode contentParts(JsonNode content, String at) {
        if (!content.isArray()) {
            throw FIELDS.wrongType(at + ".content", "a string or an array of content parts", content);
        }
        return content;
    }

    private static String textPart(JsonNode part, String at) {
        if (!part.isObject()) {
            throw FIELDS.wrongType(at, "an object", part);
        }
        String type = FIELDS.requireText(part, "type", at);
        if (type.equals("text")) {
            String text = FIELDS.optText(part, "text", at);
            if (text == null) {
                throw FIELDS.invalid(at + ".text", "is required");
            }
            return text;
        }
        if (type.equals("image_url") || type.equals("input_audio") || type.equals("file")) {
            throw new GatewayException(new GatewayError(ErrorType.UNSUPPORTED_FEATURE, 400,
                    "content parts of type '" + type + "' are not supported here", null, null, at + ".type"));
        }
        throw FIELDS.invalid(at + ".type", "must be 'text' or 'image_url', got '" + type + "'");
    }

    private static ContentBlock.Image image(JsonNode part, String at) {
        JsonNode img = FIELDS.optObject(part, "image_url", at);
        if (img == null) {
            throw FIELDS.invalid(at + ".image_url", "is required");
        }
        String url = FIELDS.requireText(img, "url", at + ".image_url");
        if (url.startsWith("data:")) {
            return dataUri(url, at + ".image_url.url");
        }
        if (url.startsWith("https://") || url.startsWith("http://")) {
            return new ContentBlock.Image(null, null, url);
        }
        throw FIELDS.invalid(at + ".image_url.url", "must be an http(s) URL or a data: URI");
    }

    private static ContentBlock.Image dataUri(String url, String at) {
        int comma = url.indexOf(',');
        String meta = comma < 0 ? "" : url.substring(5, comma);
        if (comma < 0 || !meta.endsWith(";base64")) {
            throw FIELDS.invalid(at, "must be a base64 data URI such as data:image/png;base64,...");
        }
        String mediaType = meta.substring(0, meta.length() - ";base64".length());
        if (!mediaType.startsWith("image/")) {
            throw FIELDS.invalid(at, "must have an image media type, got '" + mediaType + "'");
        }
        return new ContentBlock.Image(mediaType, url.substring(comma + 1), null);
    }
}
