package dev.sluice.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.Usage;

/**
 * Anthropic's {@code usage} object. Anthropic's {@code input_tokens} leaves out the tokens read from and written to
 * the prompt cache, while canonical {@link Usage#inputTokens()} counts them: the two are converted here and nowhere
 * else.
 */
final class UsageJson {

    private UsageJson() { }

    /** Writes all four counts into {@code target}. */
    static ObjectNode write(Usage usage, ObjectNode target) {
        target.put("input_tokens", usage.uncachedInputTokens());
        target.put("output_tokens", usage.outputTokens());
        target.put("cache_creation_input_tokens", usage.cacheWriteTokens());
        target.put("cache_read_input_tokens", usage.cacheReadTokens());
        return target;
    }

    /** Reads a usage object; absent counts are 0. */
    static Usage read(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.EMPTY;
        }
        long uncached = count(usage, "input_tokens");
        long write = count(usage, "cache_creation_input_tokens");
        long read = count(usage, "cache_read_input_tokens");
        return new Usage(uncached + write + read, count(usage, "output_tokens"), read, write, 0);
    }

    static long count(JsonNode usage, String field) {
        JsonNode n = usage.get(field);
        return n != null && n.canConvertToLong() ? Math.max(0, n.asLong()) : 0;
    }
}
