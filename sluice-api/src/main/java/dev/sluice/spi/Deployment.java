package dev.sluice.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One configured model: the public {@code name} clients send, served by {@code upstreamModel} on provider
 * {@code providerId}. {@code options} are the provider-specific settings from the model's {@code options} key (an empty
 * object when absent).
 */
public record Deployment(String name, String providerId, String upstreamModel, JsonNode options, Timeouts timeouts) {
    public Deployment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(upstreamModel, "upstreamModel");
        Objects.requireNonNull(options, "options");
        timeouts = timeouts == null ? Timeouts.DEFAULT : timeouts;
    }
}
