package dev.sluice.openai;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * How one family of OpenAI-compatible servers differs from OpenAI itself. Vendors are rows of {@link #ALL}, not
 * classes: adding one is adding a row.
 *
 * @param name the {@code profile} setting that selects this row
 * @param defaultBaseUrl used when {@code base_url} is not set; null when it must be set
 * @param authHeader header that carries the API key, e.g. {@code authorization} or Azure's {@code api-key}
 * @param authScheme prefix of the key in that header ({@code "Bearer "}), empty for a bare key
 * @param requiresApiKey whether {@code api_key} must be configured
 * @param chatPath path after the base URL; {@code {model}} and {@code {api_version}} are substituted
 * @param embeddingsPath the same for embeddings
 * @param defaultApiVersion value of {@code {api_version}} when the {@code api_version} setting is absent, else null
 * @param supportsStreamOptions whether {@code stream_options.include_usage} is understood
 * @param maxTokensField {@code max_completion_tokens} (current OpenAI) or {@code max_tokens} (most compatibles)
 * @param supportsParallelToolCalls whether {@code parallel_tool_calls} may be sent
 */
public record CompatProfile(String name, String defaultBaseUrl, String authHeader, String authScheme,
                            boolean requiresApiKey, String chatPath, String embeddingsPath, String defaultApiVersion,
                            boolean supportsStreamOptions, String maxTokensField, boolean supportsParallelToolCalls) {

    public static final CompatProfile OPENAI = new CompatProfile("openai", "https://api.openai.com/v1",
            "authorization", "Bearer ", true, "/chat/completions", "/embeddings", null, true,
            "max_completion_tokens", true);

    /** Azure OpenAI: the deployment name is the model, the key goes in {@code api-key}. */
    public static final CompatProfile AZURE = new CompatProfile("azure", null, "api-key", "", true,
            "/openai/deployments/{model}/chat/completions?api-version={api_version}",
            "/openai/deployments/{model}/embeddings?api-version={api_version}", "2024-10-21", true,
            "max_completion_tokens", true);

    public static final CompatProfile VLLM = new CompatProfile("vllm", "http://127.0.0.1:8000/v1", "authorization",
            "Bearer ", false, "/chat/completions", "/embeddings", null, true, "max_tokens", true);

    public static final CompatProfile OLLAMA = new CompatProfile("ollama", "http://127.0.0.1:11434/v1",
            "authorization", "Bearer ", false, "/chat/completions", "/embeddings", null, true, "max_tokens", false);

    /** Any other server that claims OpenAI compatibility: only the oldest, most widely copied fields are sent. */
    public static final CompatProfile GENERIC = new CompatProfile("generic", null, "authorization", "Bearer ", false,
            "/chat/completions", "/embeddings", null, false, "max_tokens", false);

    public static final List<CompatProfile> ALL = List.of(OPENAI, AZURE, VLLM, OLLAMA, GENERIC);

    /** The profile called {@code name}, if any. */
    public static Optional<CompatProfile> named(String name) {
        return ALL.stream().filter(p -> p.name.equals(name)).findFirst();
    }

    /** The path for {@code template} with the model and API version filled in (both URL-encoded). */
    public String resolve(String template, String model, String apiVersion) {
        String p = template.replace("{model}", encode(model));
        return apiVersion == null ? p : p.replace("{api_version}", encode(apiVersion));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
