package dev.sluice.gateway.engine;

import dev.sluice.spi.Deployment;
import dev.sluice.spi.Provider;

/** A deployment with the provider instance that serves it. */
public record Target(Deployment deployment, Provider provider, String providerType) { }
