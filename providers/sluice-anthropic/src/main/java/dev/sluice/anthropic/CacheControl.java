package dev.sluice.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;

/**
 * Anthropic's prompt-cache marker, {@code "cache_control": {"type": "ephemeral", "ttl": "5m" | "1h"}} on a content
 * block, a system block or a tool, to and from the canonical {@link ContentBlock.CachePoint} that follows that block.
 */
final class CacheControl {

    private CacheControl() { }

    /** The block's {@code cache_control} as a cache point, or null when it has none; a bad one names its place. */
    static ContentBlock.CachePoint decode(JsonNode block, String where) {
        JsonNode c = block.get("cache_control");
        if (c == null || c.isNull()) {
            return null;
        }
        String at = where + ".cache_control";
        if (!c.isObject()) {
            throw invalid(at, "must be an object like {\"type\": \"ephemeral\"}");
        }
        JsonNode type = c.get("type");
        if (type == null || !"ephemeral".equals(type.asText(null))) {
            throw invalid(at + ".type", "must be 'ephemeral'");
        }
        JsonNode ttl = c.get("ttl");
        if (ttl == null || ttl.isNull()) {
            return ContentBlock.CachePoint.DEFAULT;
        }
        if (!ttl.isTextual() || !(ttl.textValue().equals("5m") || ttl.textValue().equals("1h"))) {
            throw invalid(at + ".ttl", "must be '5m' or '1h'");
        }
        return new ContentBlock.CachePoint(ttl.textValue());
    }

    /** {@code cache_control} for {@code point}. */
    static ObjectNode encode(ContentBlock.CachePoint point) {
        ObjectNode c = Json.object().put("type", "ephemeral");
        if (point.ttl() != null) {
            c.put("ttl", point.ttl());
        }
        return c;
    }

    /** Marks the last block written to {@code blocks} with {@code point}; nothing when there is none yet. */
    static void mark(ArrayNode blocks, ContentBlock.CachePoint point) {
        if (!blocks.isEmpty() && blocks.get(blocks.size() - 1) instanceof ObjectNode last) {
            last.set("cache_control", encode(point));
        }
    }

    private static GatewayException invalid(String where, String problem) {
        return GatewayException.invalid(where + ": " + problem, where);
    }
}
