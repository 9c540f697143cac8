package dev.sluice.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.gateway.routing.BreakerSettings;
import dev.sluice.spi.Deployment;

/**
 * One {@code models} entry.
 *
 * @param prices the entry's {@code prices} object (per million tokens), or null: the price catalog reads it
 * @param limits the deployment's own rate limits ({@code limits: {rpm, tpm, max_concurrent}}, to stay inside an
 *     upstream's quota), scope {@code deployment:<name>}; null when it has none
 * @param breaker its circuit breaker as configured ({@code breaker:}), or null: then a deployment that serves a route
 *     has the default breaker and one that does not has none
 * @param configPath e.g. {@code sluice.yaml: models[3]}
 * @param guardrail the guardrail applied to every call of this model ({@code guardrail: {id, version}}), or null
 * @param contextWindow the most tokens (prompt and output) the upstream model takes ({@code context_window}); 0 when
 *     not configured. The {@code lowest-cost} strategy picks only among deployments a request fits.
 */
public record ModelConfig(Deployment deployment, JsonNode prices, dev.sluice.api.access.Limits limits,
                          Breaker breaker, String configPath,
                          dev.sluice.gateway.guardrails.GuardrailRef guardrail, long contextWindow) {

    public ModelConfig(Deployment deployment, JsonNode prices, dev.sluice.api.access.Limits limits,
                       Breaker breaker, String configPath, dev.sluice.gateway.guardrails.GuardrailRef guardrail) {
        this(deployment, prices, limits, breaker, configPath, guardrail, 0);
    }

    public ModelConfig(Deployment deployment, JsonNode prices, dev.sluice.api.access.Limits limits,
                       Breaker breaker, String configPath) {
        this(deployment, prices, limits, breaker, configPath, null);
    }

    public ModelConfig(Deployment deployment, JsonNode prices, dev.sluice.api.access.Limits limits,
                       String configPath) {
        this(deployment, prices, limits, null, configPath, null);
    }

    public String name() { return deployment.name(); }

    /** A configured breaker: off ({@code enabled: false}), or on with these settings. */
    public record Breaker(boolean enabled, BreakerSettings settings) { }
}
