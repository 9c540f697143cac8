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

    /**
     * An http(s) base URL setting without a trailing slash, or null when absent or blank. A value that is not an
     * http:// or https:// URL with a host, or that has a query or fragment, is a {@link ConfigException} naming the key.
     */
    public String httpUrl(String key) {
        String raw = text(key, null);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String where = configPath + "." + key;
        java.net.URI uri;
        try {
            uri = new java.net.URI(raw.strip());
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(where, "is not a valid URL: '" + raw + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new ConfigException(where, "must be an http:// or https:// URL with a host, got '" + raw + "'");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new ConfigException(where, "must not have a query or fragment, got '" + raw + "'");
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
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
