package dev.sluice.openai;

import dev.sluice.api.json.Json;
import dev.sluice.spi.DetectedProvider;
import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderContext;
import dev.sluice.spi.ProviderFactory;
import dev.sluice.spi.ProviderSpec;
import java.util.List;
import java.util.Optional;

/**
 * Makes {@code type: openai} providers: OpenAI itself and, with the {@code profile} setting, OpenAI-compatible
 * servers (see {@link CompatProfile}). Registered with {@link java.util.ServiceLoader}.
 */
public final class OpenAiProviderFactory implements ProviderFactory {

    /** Models offered when a key is found in the environment. */
    static final List<String> DETECTED_MODELS = List.of("gpt-4o-mini", "gpt-4o", "text-embedding-3-small");

    @Override
    public String type() {
        return "openai";
    }

    @Override
    public Provider create(ProviderSpec spec, ProviderContext context) {
        return new OpenAiProvider(OpenAiSettings.from(spec));
    }

    /** An {@code openai} provider from {@code OPENAI_API_KEY} (and {@code OPENAI_BASE_URL} when set). */
    @Override
    public Optional<DetectedProvider> detect(ProviderContext context) {
        String key = context.env().get("OPENAI_API_KEY");
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        var settings = Json.object().put("id", "openai").put("type", "openai").put("api_key", key);
        String baseUrl = context.env().get("OPENAI_BASE_URL");
        if (baseUrl != null && !baseUrl.isBlank()) {
            settings.put("base_url", baseUrl);
        }
        ProviderSpec spec = new ProviderSpec("openai", "openai", settings, "environment (OPENAI_API_KEY)");
        return Optional.of(new DetectedProvider(spec, DETECTED_MODELS));
    }
}
