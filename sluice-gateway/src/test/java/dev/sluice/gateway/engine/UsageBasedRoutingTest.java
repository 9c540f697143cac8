package dev.sluice.gateway.engine;

import static dev.sluice.gateway.engine.GatewayFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.routing.RetryPolicy;
import java.time.Duration;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The {@code usage-based} strategy: the deployment with the largest share of its own rpm/tpm limits left. */
class UsageBasedRoutingTest {

    private static final RetryPolicy RETRIES = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofSeconds(30));

    private static void oneByOne(RouteFixture f, int n) {
        for (int i = 0; i < n; i++) {
            await(f.chat(f.call(), "r"));
        }
    }

    @Test
    void callsSplitInProportionToEachDeploymentsOwnRequestsPerMinute() {
        try (RouteFixture f = new RouteFixture()) {
            f.route("r", "usage-based", RETRIES, List.of(), "big", "small");
            f.limits("big", 300, 0).limits("small", 100, 0);
            oneByOne(f, 200);
            assertThat(f.served("big")).isCloseTo(150, Offset.offset(3));
            assertThat(f.served("small")).isCloseTo(50, Offset.offset(3));
        }
    }

    @Test
    void tokensPerMinuteCountWhatEachCallReallyUsed() {
        try (RouteFixture f = new RouteFixture()) {
            // each answer uses 6 tokens (its estimate is some 260): a's 2,000 tpm is spent three times as fast as
            // b's 1,000 rpm, so a serves a quarter of the calls
            f.route("r", "usage-based", RETRIES, List.of(), "a", "b");
            f.limits("a", 1000, 2000).limits("b", 1000, 20_000);
            oneByOne(f, 400);
            assertThat(f.served("a") / 400.0).isCloseTo(0.25, Offset.offset(0.03));
        }
    }

    @Test
    void theMinuteSlidesSoASpentDeploymentIsPickedAgainAMinuteLater() {
        try (RouteFixture f = new RouteFixture()) {
            f.route("r", "usage-based", RETRIES, List.of(), "a", "b");
            f.limits("a", 10, 0).limits("b", 1000, 0);
            oneByOne(f, 100);
            assertThat(f.served("a")).as("a's 10 rpm share, then nothing").isBetween(1, 10);
            f.resetCounts();
            f.clock.addAndGet(Duration.ofSeconds(61).toNanos());
            oneByOne(f, 1);
            assertThat(f.served("a")).as("a's minute is over: it has the most left").isEqualTo(1);
        }
    }
}
