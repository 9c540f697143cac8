package dev.sluice.bedrock;

import dev.sluice.spi.ConfigException;
import dev.sluice.spi.ProviderSpec;
import java.net.URI;
import java.util.Map;

/**
 * The settings of a {@code type: bedrock} provider entry, validated.
 *
 * <p>{@code region} is required unless {@code AWS_REGION} or {@code AWS_DEFAULT_REGION} is set. {@code base_url}
 * defaults to {@code https://bedrock-runtime.{region}.amazonaws.com}. Authentication, first match wins: the
 * {@code api_key} setting (a Bedrock API key, sent as a bearer token); static {@code access_key_id} +
 * {@code secret_access_key} (+ {@code session_token}) settings for SigV4; the {@code AWS_BEARER_TOKEN_BEDROCK}
 * environment variable; otherwise SigV4 with credentials from the environment / the AWS default chain.
 *
 * @param apiKey the bearer key, or null for SigV4
 * @param accessKeyId static SigV4 key id, or null to find credentials at call time
 */
public record BedrockSettings(String id, String region, URI baseUrl, String apiKey, String accessKeyId,
                              String secretAccessKey, String sessionToken) {

    @Override
    public String toString() {
        // never print secrets
        return "BedrockSettings[id=" + id + ", region=" + region + ", baseUrl=" + baseUrl + ", auth="
                + (apiKey != null ? "api_key" : accessKeyId != null ? "static keys" : "default chain") + "]";
    }

    public static BedrockSettings from(ProviderSpec spec, Map<String, String> env) {
        String region = blankToNull(spec.text("region", null));
        if (region == null) {
            region = blankToNull(env.get("AWS_REGION"));
        }
        if (region == null) {
            region = blankToNull(env.get("AWS_DEFAULT_REGION"));
        }
        if (region == null) {
            throw new ConfigException(spec.configPath() + ".region",
                    "is required for a provider of type bedrock (or set AWS_REGION)");
        }
        if (!region.matches("[a-z0-9-]{1,40}")) {
            throw new ConfigException(spec.configPath() + ".region", "'" + region + "' is not an AWS region name");
        }
        URI baseUrl = baseUrl(spec, region);
        String apiKey = blankToNull(spec.text("api_key", null));
        String keyId = blankToNull(spec.text("access_key_id", null));
        String secret = blankToNull(spec.text("secret_access_key", null));
        String token = blankToNull(spec.text("session_token", null));
        if ((keyId == null) != (secret == null)) {
            throw new ConfigException(spec.configPath() + (keyId == null ? ".access_key_id" : ".secret_access_key"),
                    "is required when " + (keyId == null ? "secret_access_key" : "access_key_id") + " is set");
        }
        if (apiKey == null && keyId == null) {
            apiKey = blankToNull(env.get("AWS_BEARER_TOKEN_BEDROCK"));
        }
        return new BedrockSettings(spec.id(), region, baseUrl, apiKey, apiKey == null ? keyId : null,
                apiKey == null ? secret : null, apiKey == null ? token : null);
    }

    private static URI baseUrl(ProviderSpec spec, String region) {
        String raw = blankToNull(spec.text("base_url", null));
        if (raw == null) {
            return URI.create("https://bedrock-runtime." + region + ".amazonaws.com");
        }
        String trimmed = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        try {
            URI uri = URI.create(trimmed);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("not http(s)");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(spec.configPath() + ".base_url", "'" + raw + "' is not an http(s) URL");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
