package dev.sluice.spi;

import java.util.List;

/** A provider found from the environment, with a few well-known models to offer under their usual names. */
public record DetectedProvider(ProviderSpec spec, List<String> upstreamModels) {
    public DetectedProvider {
        upstreamModels = List.copyOf(upstreamModels);
    }
}
