package dev.sluice.simulator;

import static dev.sluice.simulator.Simulators.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.spi.Deployment;
import dev.sluice.testkit.TestAttempt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Thousands of paced streams share one simulator and the two test event loops. Each stream takes about 145 ms of
 * simulated time, so they can only all end in time if none of them holds its loop while it waits; the deadline is
 * far above what that needs and far below what blocking would take (2,000 x 145 ms over two threads).
 */
class ConcurrencyTest {

    private static final int STREAMS = 2000;
    private static final int TOKENS = 20;

    @Test
    void twoThousandConcurrentPacedStreamsOnTwoLoopsAllCompleteWithTheirTokens() throws Exception {
        SimulatorProvider provider = Simulators.provider();
        Deployment model = Simulators.model("{\"reply\":\"lorem\",\"output_tokens\":" + TOKENS
                + ",\"ttft_ms\":50,\"tokens_per_second\":200}");
        List<Tally> tallies = new ArrayList<>();
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            Tally tally = new Tally();
            tallies.add(tally);
            calls.add(Simulators.start(provider, ask("load"), new TestAttempt(model), tally::count));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        assertThat(tallies).allSatisfy(t -> {
            assertThat(t.deltas).isEqualTo(TOKENS);
            assertThat(t.reportedOutput).isEqualTo(TOKENS);
        });
    }

    /** What one stream delivered; touched on its loop only, read after the stream completed. */
    private static final class Tally {
        int deltas;
        long reportedOutput = -1;

        void count(ChatEvent event) {
            if (event instanceof ChatEvent.TextDelta) {
                deltas++;
            } else if (event instanceof ChatEvent.UsageReport u) {
                reportedOutput = u.usage().outputTokens();
            }
        }
    }
}
