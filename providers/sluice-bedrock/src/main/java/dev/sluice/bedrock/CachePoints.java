package dev.sluice.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.json.Json;

/**
 * Converse's prompt-cache block, {@code {"cachePoint": {"type": "default", "ttl": "5m" | "1h"}}}, to and from the
 * canonical {@link ContentBlock.CachePoint}. Only some Bedrock models cache prompts (Anthropic's Claude and Amazon's
 * Nova) and the others refuse the block, so the encoder keeps cache points for those model ids alone.
 */
final class CachePoints {

    private CachePoints() { }

    /** The value of a {@code cachePoint} member as a canonical cache point; a bad one names its place. */
    static ContentBlock.CachePoint decode(JsonNode value, String path) {
        if (value == null || !value.isObject()) {
            throw Fields.invalid(path, "must be an object like {\"type\": \"default\"}");
        }
        String type = Fields.text(value, "type", path + ".type", true);
        if (!type.equals("default")) {
            throw Fields.invalid(path + ".type", "failed to satisfy constraint: Member must satisfy enum value set:"
                    + " [default]");
        }
        String ttl = Fields.text(value, "ttl", path + ".ttl", false);
        if (ttl != null && !ttl.equals("5m") && !ttl.equals("1h")) {
            throw Fields.invalid(path + ".ttl", "failed to satisfy constraint: Member must satisfy enum value set:"
                    + " [5m, 1h]");
        }
        return ttl == null ? ContentBlock.CachePoint.DEFAULT : new ContentBlock.CachePoint(ttl);
    }

    /** {@code {"cachePoint": {...}}} for {@code point}. */
    static ObjectNode encode(ContentBlock.CachePoint point) {
        ObjectNode block = Json.object();
        ObjectNode value = block.putObject("cachePoint").put("type", "default");
        if (point.ttl() != null) {
            value.put("ttl", point.ttl());
        }
        return block;
    }

    /**
     * Whether the upstream model (a model id, a cross-region profile such as {@code us.anthropic.claude-...}, or an
     * ARN naming one) takes cache points: Claude and Nova models do.
     */
    static boolean supported(String upstreamModel) {
        return upstreamModel != null && (upstreamModel.contains("anthropic.claude")
                || upstreamModel.contains("amazon.nova"));
    }
}
