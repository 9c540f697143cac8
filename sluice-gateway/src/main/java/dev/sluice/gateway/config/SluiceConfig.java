package dev.sluice.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ConfigLines;
import dev.sluice.spi.ProviderSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated config ({@code routes} over its {@code models}). {@code raw} keeps the whole interpolated tree so
 * feature modules (storage, telemetry, ...) can read and validate their own sections.
 *
 * @param source the file it came from, or {@code <embedded default>}
 * @param baseDir the folder relative paths resolve against
 * @param lines where each key is in the file, for messages ({@link ConfigLines#NONE} when not read from a file)
 */
public record SluiceConfig(ServerConfig server, List<ProviderSpec> providers, List<ModelConfig> models,
                           List<RouteConfig> routes, JsonNode raw, String source, Path baseDir, ConfigLines lines) {

    public SluiceConfig {
        providers = List.copyOf(providers);
        models = List.copyOf(models);
        routes = List.copyOf(routes);
        lines = lines == null ? ConfigLines.NONE : lines;
    }

    /** A config without routes. */
    public SluiceConfig(ServerConfig server, List<ProviderSpec> providers, List<ModelConfig> models, JsonNode raw,
                        String source, Path baseDir, ConfigLines lines) {
        this(server, providers, models, List.of(), raw, source, baseDir, lines);
    }

    /** A top-level section's place, for its reader's messages: {@code sluice.yaml: storage}. */
    public String where(String section) {
        return source + ": " + section;
    }

    /** {@code e} with the line of its key in the config file, when it names one of this file's keys. */
    public dev.sluice.spi.ConfigException locate(dev.sluice.spi.ConfigException e) {
        return lines.locate(e);
    }

    /** A top-level section, or a missing node (never null). */
    public JsonNode section(String name) {
        return raw.path(name);
    }

    public SluiceConfig withServer(ServerConfig newServer) {
        return new SluiceConfig(newServer, providers, models, routes, raw, source, baseDir, lines);
    }
}
