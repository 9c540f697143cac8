package dev.sluice.gateway.engine;

import static dev.sluice.gateway.engine.GatewayFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatResponse;
import dev.sluice.gateway.config.RouteConfig;
import dev.sluice.gateway.engine.FakeUpstream.Step;
import dev.sluice.gateway.routing.CircuitBreaker;
import dev.sluice.gateway.routing.RetryPolicy;
import dev.sluice.gateway.routing.RouteStrategies;
import dev.sluice.spi.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Routes replaced while the gateway runs: later calls take the new table at once, a call in flight finishes on the
 * table it started with, deployments that stay keep their breaker (open stays open), a deployment first routed gets a
 * breaker of its own, and the registry's names follow.
 */
class RouteReplacementTest {

    private static final RetryPolicy NO_RETRY = new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1),
            Duration.ofSeconds(30));

    private static RouteConfig route(String name, RetryPolicy retry, String... members) {
        List<RouteConfig.Member> m = new ArrayList<>();
        for (String member : members) {
            String[] parts = member.split(":");
            m.add(new RouteConfig.Member(parts[0], Integer.parseInt(parts[1])));
        }
        return new RouteConfig(name, RouteStrategies.find("weighted"), m, List.of(), retry, "test: " + name);
    }

    @Test
    void newCallsTakeTheNewTableAndAnOpenBreakerOfADeploymentThatStaysStaysOpen() {
        try (RouteFixture f = new RouteFixture()) {
            f.route("r", "weighted", NO_RETRY, List.of(), "a:1", "b:0");
            f.deployment("c");
            f.deployment("a").otherwise = Step.FAIL;
            Routing routing = f.routing();
            for (int i = 0; i < 5; i++) {
                f.chat(f.call(), "r").handle((v, e) -> v).join();
            }
            CircuitBreaker aBreaker = routing.breakers().get("a");
            assertThat(aBreaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThat(routing.breakers()).doesNotContainKey("c");
            Map<String, CircuitBreaker> added = new ConcurrentHashMap<>();
            routing.onNewBreaker(added::put);

            routing.replaceRoutes(List.of(route("r", NO_RETRY, "a:1", "c:1"), route("fresh", NO_RETRY, "c:1")));

            assertThat(routing.breakers().get("a")).as("the same breaker, still open").isSameAs(aBreaker);
            assertThat(aBreaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThat(added).containsOnlyKeys("c");
            assertThat(await(f.chat(f.call(), "r")).text()).as("a is open: c serves").isEqualTo("hi from c");
            assertThat(await(f.chat(f.call(), "fresh")).text()).isEqualTo("hi from c");
            assertThat(f.gateway().models().names()).containsExactly("a", "b", "c", "r", "fresh");
            assertThat(routing.status("r")).get().satisfies(s -> {
                assertThat(s.members()).extracting(RouteStatus.Member::deployment).containsExactly("a", "c");
                assertThat(s.members().get(0).breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
                assertThat(s.members().get(0).breaker().nanosUntilProbe()).isPositive();
            });

            routing.replaceRoutes(List.of());
            assertThat(f.chat(f.call(), "fresh").handle((v, e) -> e).join()).hasMessageContaining("does not exist");
            assertThat(f.gateway().models().route("r")).isNull();
        }
    }

    @Test
    void aCallInFlightFinishesOnTheTableItStartedWith() {
        try (RouteFixture f = new RouteFixture()) {
            RetryPolicy retryOnce = new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1),
                    Duration.ofSeconds(30));
            f.route("r", "weighted", retryOnce, List.of(), "a:1");
            f.deployment("b");
            f.timeouts("a", new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(200)));
            f.deployment("a").then(Step.HANG);
            Routing routing = f.routing();
            CompletableFuture<ChatResponse> inFlight = f.chat(f.call(), "r");
            await(f.loop.submit(() -> { }));
            assertThat(f.deployment("a").reachedAt).as("the first attempt hangs on a").hasSize(1);

            routing.replaceRoutes(List.of(route("r", retryOnce, "b:1")));

            assertThat(await(f.chat(f.call(), "r")).text()).as("a new call").isEqualTo("hi from b");
            assertThat(await(inFlight).text()).as("the call in flight retries on its own table")
                    .isEqualTo("hi from a");
        }
    }
}
