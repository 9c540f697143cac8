package dev.sluice.bedrock;

import dev.sluice.spi.ConfigException;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.spi.http.Endpoint;
import java.net.URI;
import java.util.Map;

/**
 * The settings of a {@code type: bedrock} provider entry, validated.
 *
 * <p>{@code region} is required unless {@code AWS_REGION} or {@code AWS_DEFAULT_REGION} is set. {@code base_url}
 * defaults to {@code https://bedrock-runtime.{region}.amazonaws.com} and is parsed once into the {@link Endpoint};
 * {@code http_version} is {@code "1.1"} (the default), {@code "2"} (HTTP/2: offered by ALPN over https, with prior
 * knowledge over http) or {@code "h2c-upgrade"} (HTTP/2 by an HTTP/1.1 upgrade, http:// only). Authentication, first
 * match wins: the {@code api_key} setting (a Bedrock API key, sent as a bearer token); static {@code access_key_id} +
 * {@code secret_access_key} (+ {@code session_token}) settings for SigV4; the {@code AWS_BEARER_TOKEN_BEDROCK}
 * environment variable; otherwise SigV4 with credentials from the environment / the AWS default chain.
 *
 * @param endpoint where Bedrock is reached, with the base URL's path and the HTTP version
 * @param apiKey the bearer key, or null for SigV4
 * @param accessKeyId static SigV4 key id, or null to find credentials at call time
 */
public record BedrockSettings(String id, String region, Endpoint endpoint, String apiKey, String accessKeyId,
                              String secretAccessKey, String sessionToken) {

    @Override
    public String toString() {
        // never print secrets
        return "BedrockSettings[id=" + id + ", region=" + region + ", endpoint=" + endpoint + ", auth="
                + (apiKey != null ? "api_key" : accessKeyId != null ? "static keys" : "default chain") + "]";
    }

    /** Every key a {@code type: bedrock} entry accepts. */
    record Keys(String id, String type, String region, String baseUrl, String apiKey, String accessKeyId,
                String secretAccessKey, String sessionToken, String httpVersion) { }

    public static BedrockSettings from(ProviderSpec spec, Map<String, String> env) {
        spec.bind(Keys.class);
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
        Endpoint endpoint = endpoint(spec, region);
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
        return new BedrockSettings(spec.id(), region, endpoint, apiKey, apiKey == null ? keyId : null,
                apiKey == null ? secret : null, apiKey == null ? token : null);
    }

    private static Endpoint endpoint(ProviderSpec spec, String region) {
        String raw = blankToNull(spec.text("base_url", null));
        if (raw != null && !isHttpUrl(raw)) { // the wording users know; the endpoint adds: no query or fragment
            throw new ConfigException(spec.configPath() + ".base_url", "'" + raw + "' is not an http(s) URL");
        }
        return spec.endpoint("base_url", "https://bedrock-runtime." + region + ".amazonaws.com");
    }

    private static boolean isHttpUrl(String raw) {
        try {
            URI uri = URI.create(raw);
            return uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
