package dev.sluice.api.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A function the model may call.
 *
 * @param parameters JSON Schema of the arguments object; never null (an empty object schema when absent)
 * @param strict OpenAI's strict schema adherence flag; null when unset
 */
public record Tool(String name, String description, JsonNode parameters, Boolean strict) {
    public Tool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameters, "parameters");
    }
}
