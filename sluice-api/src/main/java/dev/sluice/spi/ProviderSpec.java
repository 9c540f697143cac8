package dev.sluice.spi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A provider entry of the config, after {@code ${ENV}} interpolation.
 *
 * @param settings the whole entry as JSON (id and type included); factories read their own keys from it
 * @param configPath where the entry came from, for error messages, e.g. {@code sluice.yaml: providers[2]}
 */
public record ProviderSpec(String id, String type, JsonNode settings, String configPath) {

    /**
     * The entry bound to {@code keys}, a record of every key this provider type accepts ({@code id} and {@code type}
     * included): an unknown key or a value of the wrong kind is a {@link ConfigException} naming it.
     */
    public <T> T bind(Class<T> keys) {
        return ConfigBinder.bind(settings, keys, configPath);
    }

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

    /**
     * The upstream endpoint: the http(s) URL of {@code urlKey} (or {@code defaultUrl} when it is absent or blank; a
     * {@link ConfigException} when both are missing) and the {@code http_version} setting: {@code "1.1"} (the
     * default), {@code "2"} (HTTP/2: by ALPN over https, with prior knowledge over http) or {@code "h2c-upgrade"}
     * (http only). A number in YAML ({@code 2}, {@code 1.1}) reads as its text. User info in the URL is refused:
     * credentials go in their own settings, never in a URL that is logged.
     */
    public dev.sluice.spi.http.Endpoint endpoint(String urlKey, String defaultUrl) {
        String where = configPath + "." + urlKey;
        String raw = text(urlKey, null);
        String url = raw == null || raw.isBlank() ? defaultUrl : raw;
        if (url == null) {
            throw new ConfigException(where, "is required for a provider of type " + type);
        }
        httpUrl(urlKey); // the same checks and messages for a configured URL
        if (url.contains("@") && java.net.URI.create(url.strip()).getRawUserInfo() != null) {
            throw new ConfigException(where, "must not carry user info; put credentials in their own settings");
        }
        var parsed = dev.sluice.spi.http.Endpoint.parse(url, dev.sluice.spi.http.Endpoint.HttpVersion.HTTP_1_1, where);
        var version = httpVersion();
        if (version == dev.sluice.spi.http.Endpoint.HttpVersion.H2C_UPGRADE && parsed.tls()) {
            throw new ConfigException(configPath + ".http_version", "\"h2c-upgrade\" is for http:// URLs, and '"
                    + url.strip() + "' is https://; over https, HTTP/2 is negotiated by ALPN with \"2\"");
        }
        return new dev.sluice.spi.http.Endpoint(parsed.tls(), parsed.host(), parsed.port(), parsed.basePath(),
                version);
    }

    private dev.sluice.spi.http.Endpoint.HttpVersion httpVersion() {
        String v = text("http_version", null);
        if (v == null || v.isBlank()) {
            return dev.sluice.spi.http.Endpoint.HttpVersion.HTTP_1_1;
        }
        return switch (v.strip()) {
            case "1.1" -> dev.sluice.spi.http.Endpoint.HttpVersion.HTTP_1_1;
            case "2", "2.0" -> dev.sluice.spi.http.Endpoint.HttpVersion.HTTP_2;
            case "h2c-upgrade" -> dev.sluice.spi.http.Endpoint.HttpVersion.H2C_UPGRADE;
            default -> throw new ConfigException(configPath + ".http_version",
                    "must be \"1.1\", \"2\" or \"h2c-upgrade\", not '" + v + "'");
        };
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
