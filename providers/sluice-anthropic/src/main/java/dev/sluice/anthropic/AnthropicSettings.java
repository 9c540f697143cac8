package dev.sluice.anthropic;

import dev.sluice.spi.ConfigException;
import dev.sluice.spi.ProviderSpec;

/**
 * The checked settings of one {@code type: anthropic} provider entry.
 *
 * @param baseUrl without a trailing slash; default {@value #DEFAULT_BASE_URL}
 * @param apiKey sent as {@code x-api-key}; null when none is configured (e.g. behind a proxy that adds it)
 * @param version the {@code anthropic-version} header; default {@value #DEFAULT_VERSION}
 * @param beta the {@code anthropic-beta} header, or null
 */
public record AnthropicSettings(String id, String baseUrl, String apiKey, String version, String beta) {

    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    public static final String DEFAULT_VERSION = "2023-06-01";

    /** Reads and checks the settings; a {@link ConfigException} names the bad key. */
    public static AnthropicSettings from(ProviderSpec spec) {
        return new AnthropicSettings(spec.id(), baseUrl(spec), blankToNull(spec.text("api_key", null)),
                headerValue(spec, "anthropic_version", DEFAULT_VERSION),
                headerValue(spec, "anthropic_beta", null));
    }

    private static String baseUrl(ProviderSpec spec) {
        String url = spec.httpUrl("base_url");
        if (url == null) {
            return DEFAULT_BASE_URL;
        }
        return url;
    }

    private static String headerValue(ProviderSpec spec, String key, String fallback) {
        String v = blankToNull(spec.text(key, null));
        if (v == null) {
            return fallback;
        }
        if (v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ConfigException(spec.configPath() + "." + key, "must not contain control characters");
        }
        return v.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "AnthropicSettings[id=" + id + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", version=" + version + ", beta=" + beta + "]";
    }
}
