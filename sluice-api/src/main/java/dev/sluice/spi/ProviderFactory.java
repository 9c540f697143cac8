package dev.sluice.spi;

import java.util.Optional;

/** Makes providers of one {@link #type()}; found with {@link java.util.ServiceLoader}. */
public interface ProviderFactory {

    /** The {@code type} value in the config, e.g. {@code openai}. */
    String type();

    /** Builds a provider from its config entry; throws {@link ConfigException} on bad settings. */
    Provider create(ProviderSpec spec, ProviderContext context);

    /**
     * For the embedded default config: a provider entry built from credentials found in the environment (e.g.
     * {@code OPENAI_API_KEY}), with the models it offers; empty when none are found.
     */
    default Optional<DetectedProvider> detect(ProviderContext context) { return Optional.empty(); }
}
