package dev.sluice.api.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A function the model may call.
 *
 * @param parameters JSON Schema of the arguments object; never null (an empty object schema when absent)
 * @param strict OpenAI's strict schema adherence flag; null when unset
 * @param cachePoint a prompt-cache breakpoint after this tool (Anthropic's {@code cache_control} on it, a Bedrock
 *     {@code cachePoint} after it in {@code toolConfig.tools}); null when none
 */
public record Tool(String name, String description, JsonNode parameters, Boolean strict,
                   ContentBlock.CachePoint cachePoint) {
    public Tool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** A tool with no cache breakpoint after it. */
    public Tool(String name, String description, JsonNode parameters, Boolean strict) {
        this(name, description, parameters, strict, null);
    }

    /** The same tool with a cache breakpoint after it. */
    public Tool withCachePoint(ContentBlock.CachePoint point) {
        return new Tool(name, description, parameters, strict, point);
    }
}
