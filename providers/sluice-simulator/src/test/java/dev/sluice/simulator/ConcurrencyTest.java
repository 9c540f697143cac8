package dev.sluice.simulator;

import static dev.sluice.simulator.Simulators.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.spi.Deployment;
import dev.sluice.testkit.TestAttempt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Thousands of paced streams share one simulator on virtual threads; no timing is asserted. */
class ConcurrencyTest {

    @Test
    void fiveThousandConcurrentPacedStreamsAllComplete() throws Exception {
        SimulatorProvider provider = Simulators.provider();
        Deployment model = Simulators.model(
                "{\"reply\":\"lorem\",\"output_tokens\":20,\"ttft_ms\":100,\"tokens_per_second\":50}");
        AtomicLong deltas = new AtomicLong();
        List<Future<?>> calls = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 5000; i++) {
                calls.add(threads.submit(() -> provider.stream(ask("load"), new TestAttempt(model), e -> {
                    if (e instanceof ChatEvent.TextDelta) {
                        deltas.incrementAndGet();
                    }
                })));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        }
        assertThat(deltas.get()).isEqualTo(5000L * 20);
    }
}
