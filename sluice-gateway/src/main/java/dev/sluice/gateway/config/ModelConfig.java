package dev.sluice.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.Deployment;

/**
 * One {@code models} entry.
 *
 * @param prices the entry's {@code prices} object (per million tokens), or null: the price catalog reads it
 * @param configPath e.g. {@code sluice.yaml: models[3]}
 */
public record ModelConfig(Deployment deployment, JsonNode prices, String configPath) {
    public String name() { return deployment.name(); }
}
