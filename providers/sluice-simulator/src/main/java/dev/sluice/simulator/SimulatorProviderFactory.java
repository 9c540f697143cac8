package dev.sluice.simulator;

import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderContext;
import dev.sluice.spi.ProviderFactory;
import dev.sluice.spi.ProviderSpec;

/**
 * Makes {@link SimulatorProvider}s for provider entries of type {@value #TYPE}. Detects nothing from the environment:
 * the application adds its simulator models itself.
 */
public final class SimulatorProviderFactory implements ProviderFactory {

    public static final String TYPE = "simulator";

    @Override
    public String type() { return TYPE; }

    @Override
    public Provider create(ProviderSpec spec, ProviderContext context) {
        return new SimulatorProvider(spec, context);
    }
}
