package dev.sluice.spi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A provider entry of the config, after {@code ${ENV}} interpolation.
 *
 * @param settings the whole entry as JSON (id and type included); factories read their own keys from it
 * @param configPath where the entry came from, for error messages, e.g. {@code sluice.yaml: providers[2]}
 */
public record ProviderSpec(String id, String type, JsonNode settings, String configPath) {

    /** A text setting, or {@code fallback} when absent or null. */
    public String text(String key, String fallback) {
        JsonNode n = settings.get(key);
        return n == null || n.isNull() ? fallback : n.asText();
    }

    /** A required text setting; a {@link ConfigException} naming the key when absent or blank. */
    public String requireText(String key) {
        String v = text(key, null);
        if (v == null || v.isBlank()) {
            throw new ConfigException(configPath + "." + key, "is required for a provider of type " + type);
        }
        return v;
    }
}
