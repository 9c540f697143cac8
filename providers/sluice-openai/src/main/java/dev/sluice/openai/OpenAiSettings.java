package dev.sluice.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ConfigException;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.spi.http.Endpoint;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The validated settings of one {@code type: openai} provider entry.
 *
 * @param endpoint the base URL ({@code base_url} or the profile's default), parsed once, with the {@code http_version}
 *     to speak to it
 * @param apiKey null when the profile does not need one and none is set
 * @param organization sent as {@code openai-organization} when set
 * @param headers extra headers sent with every request, as configured: lower-case names, in the configured order
 * @param apiVersion the {@code api-version} of Azure-style paths; null when the profile has none
 */
public record OpenAiSettings(String id, CompatProfile profile, Endpoint endpoint, String apiKey, String organization,
                             Map<String, String> headers, String apiVersion) {

    /** Headers that the engine sets itself and never takes from a provider. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    public OpenAiSettings {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Every key a {@code type: openai} entry accepts. */
    record Keys(String id, String type, String profile, String baseUrl, String apiKey, String organization,
                Map<String, String> headers, String apiVersion, String httpVersion) { }

    /** Reads and checks the settings; a {@link ConfigException} names the bad key. */
    public static OpenAiSettings from(ProviderSpec spec) {
        spec.bind(Keys.class);
        String where = spec.configPath();
        String profileName = spec.text("profile", "openai");
        CompatProfile profile = CompatProfile.named(profileName).orElseThrow(() -> new ConfigException(
                where + ".profile", "unknown profile '" + profileName + "'; expected one of "
                + CompatProfile.ALL.stream().map(CompatProfile::name).collect(Collectors.joining(", "))));
        Endpoint endpoint = endpoint(spec, profile);
        String apiKey = profile.requiresApiKey() ? spec.requireText("api_key")
                : blankToNull(spec.text("api_key", null));
        String apiVersion = profile.defaultApiVersion() == null ? null
                : spec.text("api_version", profile.defaultApiVersion());
        return new OpenAiSettings(spec.id(), profile, endpoint, apiKey, blankToNull(spec.text("organization", null)),
                headers(spec), apiVersion);
    }

    private static Endpoint endpoint(ProviderSpec spec, CompatProfile profile) {
        if (profile.defaultBaseUrl() == null && blankToNull(spec.text("base_url", null)) == null) {
            throw new ConfigException(spec.configPath() + ".base_url",
                    "is required for profile '" + profile.name() + "'");
        }
        return spec.endpoint("base_url", profile.defaultBaseUrl());
    }

    private static Map<String, String> headers(ProviderSpec spec) {
        JsonNode h = spec.settings().get("headers");
        if (h == null || h.isNull()) {
            return Map.of();
        }
        String where = spec.configPath() + ".headers";
        if (!h.isObject()) {
            throw new ConfigException(where, "must be a map of header names to values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : h.properties()) {
            String name = e.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (RESTRICTED.contains(lower) || !name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new ConfigException(where + "." + name, "is not a header that can be set");
            }
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new ConfigException(where + "." + name, "must be a text value");
            }
            if (out.put(lower, e.getValue().asText()) != null) {
                throw new ConfigException(where + "." + name, "is set twice (header names ignore case)");
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "OpenAiSettings[id=" + id + ", profile=" + profile.name() + ", endpoint=" + endpoint
                + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
    }
}
