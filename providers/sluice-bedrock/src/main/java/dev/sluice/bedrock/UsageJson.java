package dev.sluice.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.json.Json;

/**
 * Bedrock's {@code usage} object. Bedrock's {@code inputTokens} leaves out the tokens read from or written to the
 * prompt cache ({@code cacheReadInputTokens}, {@code cacheWriteInputTokens}), while {@code totalTokens} counts them;
 * canonical {@link Usage#inputTokens()} counts all input, so the cache counts are added on decoding and taken out on
 * encoding. Stateless.
 */
final class UsageJson {

    private UsageJson() { }

    static Usage decode(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.EMPTY;
        }
        long read = usage.path("cacheReadInputTokens").asLong(0);
        long write = usage.path("cacheWriteInputTokens").asLong(0);
        long input = usage.path("inputTokens").asLong(0) + read + write;
        return new Usage(input, usage.path("outputTokens").asLong(0), read, write, 0);
    }

    static ObjectNode encode(Usage usage) {
        Usage u = usage == null ? Usage.EMPTY : usage;
        ObjectNode node = Json.object()
                .put("inputTokens", u.uncachedInputTokens())
                .put("outputTokens", u.outputTokens())
                .put("totalTokens", u.totalTokens());
        if (u.cacheReadTokens() > 0) {
            node.put("cacheReadInputTokens", u.cacheReadTokens());
        }
        if (u.cacheWriteTokens() > 0) {
            node.put("cacheWriteInputTokens", u.cacheWriteTokens());
        }
        return node;
    }
}
