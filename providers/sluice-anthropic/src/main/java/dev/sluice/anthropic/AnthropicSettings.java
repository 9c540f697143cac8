package dev.sluice.anthropic;

import dev.sluice.spi.ConfigException;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.spi.http.Endpoint;

/**
 * The checked settings of one {@code type: anthropic} provider entry, read once at start-up.
 *
 * @param endpoint the parsed {@code base_url} (default {@value #DEFAULT_BASE_URL}) with the {@code http_version}
 *     to speak to it (default HTTP/1.1)
 * @param apiKey sent as {@code x-api-key}; null when none is configured (e.g. behind a proxy that adds it)
 * @param version the {@code anthropic-version} header; default {@value #DEFAULT_VERSION}
 * @param beta the {@code anthropic-beta} header, or null
 */
public record AnthropicSettings(String id, Endpoint endpoint, String apiKey, String version, String beta) {

    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    public static final String DEFAULT_VERSION = "2023-06-01";

    /** Every key a {@code type: anthropic} entry accepts. */
    record Keys(String id, String type, String baseUrl, String apiKey, String anthropicVersion, String anthropicBeta,
                String httpVersion) { }

    /** Reads and checks the settings; a {@link ConfigException} names the bad key. */
    public static AnthropicSettings from(ProviderSpec spec) {
        spec.bind(Keys.class);
        return new AnthropicSettings(spec.id(), endpoint(spec), headerValue(spec, "api_key", null),
                headerValue(spec, "anthropic_version", DEFAULT_VERSION),
                headerValue(spec, "anthropic_beta", null));
    }

    private static Endpoint endpoint(ProviderSpec spec) {
        return spec.endpoint("base_url", DEFAULT_BASE_URL);
    }

    /**
     * A setting sent as a header value: stripped (a key read from a file often ends with a newline), and free of
     * control characters, which would let it end the header early. The message never shows the value.
     */
    private static String headerValue(ProviderSpec spec, String key, String fallback) {
        String v = blankToNull(spec.text(key, null));
        if (v == null) {
            return fallback;
        }
        v = v.strip();
        if (v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ConfigException(spec.configPath() + "." + key, "must not contain control characters");
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "AnthropicSettings[id=" + id + ", endpoint=" + endpoint + " (" + endpoint.version() + "), apiKey="
                + (apiKey == null ? "none" : "***") + ", version=" + version + ", beta=" + beta + "]";
    }
}
