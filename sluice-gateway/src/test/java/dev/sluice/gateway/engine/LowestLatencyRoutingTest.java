package dev.sluice.gateway.engine;

import static dev.sluice.gateway.engine.GatewayFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.routing.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code lowest-latency} strategy following a change: once a deployment becomes three times faster than the
 * others, it serves at least 90% of the calls within 200 calls, whatever the seed. Latencies are simulated on the
 * test's clock (no waiting).
 */
class LowestLatencyRoutingTest {

    private static final RetryPolicy RETRIES = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofSeconds(30));

    /** Who served each of {@code n} calls made one after another. */
    private static List<String> oneByOne(RouteFixture f, int n) {
        List<String> served = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CallContext call = f.call();
            await(f.chat(call, "r"));
            served.add(call.responseHeaders().get("x-sluice-deployment"));
        }
        return served;
    }

    private static double share(List<String> served, String deployment) {
        return served.stream().filter(deployment::equals).count() / (double) served.size();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void aDeploymentMadeThreeTimesFasterServesAtLeast90PercentWithin200Calls(long seed) {
        try (RouteFixture f = new RouteFixture()) {
            f.seed(seed).route("r", "lowest-latency", RETRIES, List.of(), "a", "b", "c");
            f.deployment("a").latencyNanos = 30_000_000;
            f.deployment("b").latencyNanos = 30_000_000;
            f.deployment("c").latencyNanos = 30_000_000;
            oneByOne(f, 100);
            f.deployment("b").latencyNanos = 10_000_000;
            List<String> after = oneByOne(f, 200);
            assertThat(share(after.subList(100, 200), "b")).as("b's share of calls 101-200 after the change")
                    .isGreaterThanOrEqualTo(0.9);
        }
    }
}
