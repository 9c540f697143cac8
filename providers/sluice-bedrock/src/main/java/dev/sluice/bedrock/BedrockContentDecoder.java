package dev.sluice.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.Role;
import dev.sluice.api.json.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Turns one Converse message ({@code role} and {@code content} blocks) into canonical messages: tool results become
 * {@link Role#TOOL} messages, everything else stays in a message of the same role, in order. Stateless.
 */
final class BedrockContentDecoder {

    private BedrockContentDecoder() { }

    static List<Message> decodeMessage(JsonNode msg, String path) {
        if (!msg.isObject()) {
            throw Fields.invalid(path, "must be an object");
        }
        String roleText = Fields.text(msg, "role", path + ".role", true);
        Role role = switch (roleText) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            default -> throw Fields.invalid(path + ".role",
                    "failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]");
        };
        JsonNode content = Fields.array(msg, "content", path + ".content", true);
        List<Message> out = new ArrayList<>();
        List<ContentBlock> run = new ArrayList<>();
        boolean runIsTool = false;
        for (int i = 0; i < content.size(); i++) {
            String at = path + ".content[" + i + "]";
            ContentBlock block = decodeBlock(content.get(i), at, role);
            if (block == null) {
                continue;
            }
            boolean isTool = block instanceof ContentBlock.CachePoint ? runIsTool // it stays with its block
                    : block instanceof ContentBlock.ToolResult;
            if (!run.isEmpty() && isTool != runIsTool) {
                out.add(new Message(runIsTool ? Role.TOOL : role, run, null));
                run = new ArrayList<>();
            }
            runIsTool = isTool;
            run.add(block);
        }
        if (!run.isEmpty() || out.isEmpty()) {
            out.add(new Message(runIsTool ? Role.TOOL : role, run, null));
        }
        return out;
    }

    /** One content block; null for blocks that carry nothing canonical (reasoning). */
    static ContentBlock decodeBlock(JsonNode block, String path, Role role) {
        if (!block.isObject() || block.size() != 1) {
            throw Fields.invalid(path, "must be an object with exactly one member (text, image, toolUse, "
                    + "toolResult, ...)");
        }
        String kind = block.fieldNames().next();
        return switch (kind) {
            case "text" -> new ContentBlock.Text(Fields.text(block, "text", path + ".text", true));
            case "image" -> image(Fields.object(block, "image", path + ".image", true), path + ".image");
            case "toolUse" -> {
                if (role != Role.ASSISTANT) {
                    throw Fields.invalid(path + ".toolUse", "is only allowed in assistant messages");
                }
                yield toolUse(Fields.object(block, "toolUse", path + ".toolUse", true), path + ".toolUse");
            }
            case "toolResult" -> {
                if (role != Role.USER) {
                    throw Fields.invalid(path + ".toolResult", "is only allowed in user messages");
                }
                yield toolResult(Fields.object(block, "toolResult", path + ".toolResult", true),
                        path + ".toolResult");
            }
            case "guardContent" -> new ContentBlock.Text(
                    Fields.text(block.path("guardContent").path("text"), "text", path + ".guardContent.text.text",
                            true));
            case "cachePoint" -> CachePoints.decode(block.get("cachePoint"), path + ".cachePoint");
            case "reasoningContent" -> null;
            case "document", "video", "citationsContent" ->
                    throw Fields.unsupported(path + "." + kind, "content blocks are not supported by Sluice");
            default -> throw Fields.invalid(path, "has an unknown content block type '" + kind + "'");
        };
    }

    private static ContentBlock.Image image(JsonNode image, String path) {
        String format = Fields.text(image, "format", path + ".format", true);
        String mediaType = ImageFormats.mediaType(format);
        if (mediaType == null) {
            throw Fields.invalid(path + ".format",
                    "failed to satisfy constraint: Member must satisfy enum value set: [png, jpeg, gif, webp]");
        }
        JsonNode source = Fields.object(image, "source", path + ".source", true);
        if (Fields.get(source, "s3Location") != null) {
            throw Fields.unsupported(path + ".source.s3Location", "is not supported: send the image bytes");
        }
        String bytes = Fields.nonEmpty(source, "bytes", path + ".source.bytes");
        try {
            Base64.getDecoder().decode(bytes);
        } catch (IllegalArgumentException e) {
            throw Fields.invalid(path + ".source.bytes", "is not valid base64");
        }
        return new ContentBlock.Image(mediaType, bytes, null);
    }

    private static ContentBlock.ToolUse toolUse(JsonNode toolUse, String path) {
        String id = Fields.nonEmpty(toolUse, "toolUseId", path + ".toolUseId");
        String name = Fields.nonEmpty(toolUse, "name", path + ".name");
        JsonNode input = Fields.get(toolUse, "input");
        if (input == null) {
            throw Fields.invalid(path + ".input", "failed to satisfy constraint: Member must not be null");
        }
        return new ContentBlock.ToolUse(id, name, Json.text(input));
    }

    private static ContentBlock.ToolResult toolResult(JsonNode result, String path) {
        String id = Fields.nonEmpty(result, "toolUseId", path + ".toolUseId");
        JsonNode content = Fields.array(result, "content", path + ".content", true);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            String at = path + ".content[" + i + "]";
            JsonNode part = content.get(i);
            if (!part.isObject() || part.size() != 1) {
                throw Fields.invalid(at, "must be an object with exactly one member (text or json)");
            }
            String kind = part.fieldNames().next();
            switch (kind) {
                case "text" -> text.append(Fields.text(part, "text", at + ".text", true));
                case "json" -> text.append(Json.text(part.get("json")));
                case "image", "document", "video" ->
                        throw Fields.unsupported(at + "." + kind, "tool results are not supported by Sluice");
                default -> throw Fields.invalid(at, "has an unknown tool result content type '" + kind + "'");
            }
        }
        String status = Fields.text(result, "status", path + ".status", false);
        if (status != null && !status.equals("success") && !status.equals("error")) {
            throw Fields.invalid(path + ".status",
                    "failed to satisfy constraint: Member must satisfy enum value set: [success, error]");
        }
        return new ContentBlock.ToolResult(id, text.toString(), "error".equals(status));
    }
}
