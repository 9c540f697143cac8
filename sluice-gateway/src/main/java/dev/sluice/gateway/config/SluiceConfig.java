package dev.sluice.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ProviderSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated config. {@code raw} keeps the whole interpolated tree so feature modules (storage, telemetry, ...) can
 * read and validate their own sections.
 *
 * @param source the file it came from, or {@code <embedded default>}
 * @param baseDir the folder relative paths resolve against
 */
public record SluiceConfig(ServerConfig server, List<ProviderSpec> providers, List<ModelConfig> models,
                           JsonNode raw, String source, Path baseDir) {

    public SluiceConfig {
        providers = List.copyOf(providers);
        models = List.copyOf(models);
    }

    /** A top-level section, or a missing node (never null). */
    public JsonNode section(String name) {
        return raw.path(name);
    }

    public SluiceConfig withServer(ServerConfig newServer) {
        return new SluiceConfig(newServer, providers, models, raw, source, baseDir);
    }
}
