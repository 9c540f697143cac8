package dev.sluice.simulator;

import static dev.sluice.simulator.Simulators.ask;
import static dev.sluice.simulator.Simulators.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.Calls;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Lower bounds only: a loaded machine may be slower, never faster. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PacingTest {

    private final SimulatorProvider provider = Simulators.provider();

    @Test
    void theFirstEventWaitsForTheTimeToFirstToken() {
        long start = System.nanoTime();
        List<Long> at = new ArrayList<>();
        Calls.stream(provider, ask("hello"), attempt("{\"ttft_ms\":200}"), e -> at.add(System.nanoTime()));
        assertThat((at.getFirst() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
    }

    @Test
    void tokensArriveNoFasterThanTheirRate() {
        long start = System.nanoTime();
        List<Long> at = new ArrayList<>();
        // 11 tokens at 100/s: the last is due 100 ms after the first
        Calls.stream(provider, ask("a b c d e f g h i j k"), attempt("{\"tokens_per_second\":100}"),
                e -> at.add(System.nanoTime()));
        assertThat((at.getLast() - start) / 1_000_000).isGreaterThanOrEqualTo(80);
    }

    @Test
    void aNonStreamedCallTakesAsLongAsAStreamedOne() {
        long start = System.nanoTime();
        Calls.chat(provider, ask("hello"), attempt("{\"ttft_ms\":200}"));
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
    }
}
