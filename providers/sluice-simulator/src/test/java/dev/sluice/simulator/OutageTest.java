package dev.sluice.simulator;

import static dev.sluice.simulator.Simulators.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.Deployment;
import dev.sluice.testkit.TestAttempt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A model that goes down for a window of time from its first call ({@code outage_after_ms}, {@code outage_ms}). */
class OutageTest {

    private static List<String> outcomes(String options, int calls) {
        SimulatorProvider provider = Simulators.provider();
        Deployment model = Simulators.model(options);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            try {
                Simulators.stream(provider, ask("hello"), new TestAttempt(model));
                out.add("ok");
            } catch (GatewayException e) {
                out.add(String.valueOf(e.error().status()));
            }
        }
        return out;
    }

    @Test
    void everyCallInsideTheWindowFailsWithTheErrorStatus() {
        assertThat(outcomes("{\"outage_after_ms\":0,\"outage_ms\":3600000,\"error_status\":503}", 5))
                .containsOnly("503");
    }

    @Test
    void callsBeforeTheWindowAreAnsweredAsUsual() {
        assertThat(outcomes("{\"outage_after_ms\":3600000,\"outage_ms\":1000}", 5)).containsOnly("ok");
    }

    @Test
    void theWindowStartsAtItsOffsetAndEndsAfterItsLength() {
        Faults f = new Faults(0, 503, null, 0, 0, null, Duration.ofSeconds(5), Duration.ofSeconds(30));
        assertThat(f.down(Duration.ofMillis(4_999))).isFalse();
        assertThat(f.down(Duration.ofSeconds(5))).isTrue();
        assertThat(f.down(Duration.ofMillis(34_999))).isTrue();
        assertThat(f.down(Duration.ofSeconds(35))).isFalse();
        assertThat(Faults.NONE.down(Duration.ZERO)).isFalse();
    }

    @Test
    void seededFaultsOutsideTheWindowRepeat() {
        String mixed = "{\"error_rate\":0.3,\"seed\":9,\"outage_after_ms\":3600000,\"outage_ms\":1}";
        assertThat(outcomes(mixed, 30)).isEqualTo(outcomes("{\"error_rate\":0.3,\"seed\":9}", 30));
    }
}
