package dev.sluice.evals.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.error.GatewayException;

/**
 * One metric of a suite.
 *
 * @param name display name, unique in the suite (defaults to the type)
 * @param type the scorer type, e.g. {@code rouge_l}
 * @param threshold per-case pass threshold, or null for the scorer's default
 * @param options type-specific options (an object node, never null)
 */
public record MetricSpec(String name, String type, Double threshold, JsonNode options) {

    public String text(String key, String fallback) {
        JsonNode v = options.get(key);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    public boolean flag(String key, boolean fallback) {
        JsonNode v = options.get(key);
        return v == null || v.isNull() ? fallback : v.asBoolean();
    }

    public String require(String key) {
        String v = text(key, null);
        if (v == null || v.isBlank()) {
            throw GatewayException.invalid("metric '" + name + "' (" + type + ") needs option '" + key + "'",
                    "metrics." + name + "." + key);
        }
        return v;
    }
}
