package dev.sluice.anthropic;

import dev.sluice.api.json.Json;
import dev.sluice.spi.DetectedProvider;
import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderContext;
import dev.sluice.spi.ProviderFactory;
import dev.sluice.spi.ProviderSpec;
import java.util.List;
import java.util.Optional;

/** Makes {@code type: anthropic} providers. Registered with {@link java.util.ServiceLoader}. */
public final class AnthropicProviderFactory implements ProviderFactory {

    /** Models offered when a key is found in the environment (Anthropic's model aliases). */
    static final List<String> DETECTED_MODELS = List.of("claude-sonnet-4-5", "claude-haiku-4-5");

    @Override
    public String type() {
        return "anthropic";
    }

    @Override
    public Provider create(ProviderSpec spec, ProviderContext context) {
        return new AnthropicProvider(AnthropicSettings.from(spec), context.clock());
    }

    /** An {@code anthropic} provider from {@code ANTHROPIC_API_KEY} (and {@code ANTHROPIC_BASE_URL} when set). */
    @Override
    public Optional<DetectedProvider> detect(ProviderContext context) {
        String key = context.env().get("ANTHROPIC_API_KEY");
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        var settings = Json.object().put("id", "anthropic").put("type", "anthropic").put("api_key", key);
        String baseUrl = context.env().get("ANTHROPIC_BASE_URL");
        if (baseUrl != null && !baseUrl.isBlank()) {
            settings.put("base_url", baseUrl);
        }
        ProviderSpec spec = new ProviderSpec("anthropic", "anthropic", settings, "environment (ANTHROPIC_API_KEY)");
        return Optional.of(new DetectedProvider(spec, DETECTED_MODELS));
    }
}
