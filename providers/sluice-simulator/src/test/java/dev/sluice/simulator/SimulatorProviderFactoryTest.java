package dev.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.ProviderFactory;
import dev.sluice.testkit.TestProviderContext;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SimulatorProviderFactoryTest {

    @Test
    void theFactoryIsFoundByServiceLoaderUnderTypeSimulator() {
        assertThat(ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.type().equals("simulator")).findFirst())
                .get().isInstanceOf(SimulatorProviderFactory.class);
    }

    @Test
    void itCreatesSimulatorsAndDetectsNothing() {
        SimulatorProviderFactory factory = new SimulatorProviderFactory();
        assertThat(factory.create(Simulators.spec("{\"id\":\"sim\",\"type\":\"simulator\"}"),
                new TestProviderContext())).isInstanceOf(SimulatorProvider.class);
        assertThat(factory.detect(new TestProviderContext())).isEmpty();
    }
}
