package dev.sluice.gateway.engine;

import static dev.sluice.gateway.engine.GatewayFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.event.Caller;
import dev.sluice.api.event.RequestIds;
import dev.sluice.gateway.config.ModelConfig;
import dev.sluice.gateway.engine.FakeUpstream.Step;
import dev.sluice.gateway.routing.BreakerSettings;
import dev.sluice.gateway.routing.RetryPolicy;
import dev.sluice.gateway.routing.SessionAffinity;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Routes with {@code session_affinity}: a session stays on the deployment that served it, while it may be picked. */
class SessionPinningTest {

    private static final RetryPolicy RETRIES = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofSeconds(30));
    private static final SessionAffinity TEN_MINUTES = new SessionAffinity(Duration.ofMinutes(10), 1000);

    private static RouteFixture pinnedRoute() {
        RouteFixture f = new RouteFixture();
        f.route("r", "weighted", RETRIES, List.of(), "a", "b", "c");
        f.affinity("r", TEN_MINUTES);
        return f;
    }

    private static String servedBy(RouteFixture f, CallContext call) {
        await(f.chat(call, "r"));
        return call.responseHeaders().get("x-sluice-deployment");
    }

    @Test
    void everyCallOfASessionGoesToTheDeploymentThatServedItsFirst() {
        try (RouteFixture f = pinnedRoute()) {
            Set<String> firsts = new HashSet<>();
            for (int s = 0; s < 30; s++) {
                String first = servedBy(f, f.call().sessionHeader("session-" + s));
                firsts.add(first);
                for (int i = 0; i < 10; i++) {
                    assertThat(servedBy(f, f.call().sessionHeader("session-" + s))).as("session %d", s)
                            .isEqualTo(first);
                }
            }
            assertThat(firsts).as("sessions still spread by the strategy").hasSize(3);
        }
    }

    @Test
    void streamedCallsOfASessionStayOnItsDeploymentToo() {
        try (RouteFixture f = pinnedRoute()) {
            Set<String> firsts = new HashSet<>();
            for (int s = 0; s < 10; s++) {
                Set<String> served = new HashSet<>();
                for (int i = 0; i < 5; i++) {
                    CallContext call = f.call().sessionHeader("stream-" + s);
                    await(f.stream(call, "r", e -> { }));
                    served.add(call.responseHeaders().get("x-sluice-deployment"));
                }
                assertThat(served).as("session %d", s).hasSize(1);
                firsts.addAll(served);
            }
            assertThat(firsts).hasSizeGreaterThan(1);
        }
    }

    @Test
    void withoutTheHeaderTheRequestsUserFieldIsTheSession() {
        try (RouteFixture f = pinnedRoute()) {
            CallContext firstCall = f.call();
            await(f.chat(firstCall, RouteFixture.request("r").toBuilder().user("alice").build()));
            String first = firstCall.responseHeaders().get("x-sluice-deployment");
            for (int i = 0; i < 20; i++) {
                CallContext call = f.call();
                await(f.chat(call, RouteFixture.request("r").toBuilder().user("alice").build()));
                assertThat(call.responseHeaders()).containsEntry("x-sluice-deployment", first);
            }
        }
    }

    @Test
    void aRouteWithoutAffinityIgnoresTheSession() {
        try (RouteFixture f = new RouteFixture()) {
            f.route("r", "weighted", RETRIES, List.of(), "a", "b", "c");
            assertThat(f.routing().pinnedSessions("r")).isEqualTo(-1);
            Set<String> served = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                served.add(servedBy(f, f.call().sessionHeader("one-session")));
            }
            assertThat(served).hasSize(3);
        }
    }

    @Test
    void theSameSessionIdOfTwoKeysIsTwoSessions() {
        try (RouteFixture f = pinnedRoute()) {
            Set<String> firsts = new HashSet<>();
            for (int k = 0; k < 20; k++) {
                CallContext call = new CallContext(RequestIds.next(), "openai", "chat",
                        new Caller("key-" + k, null, null, null), System.nanoTime(), null, null, Map.of())
                        .bind(f.loop, null).sessionHeader("same");
                firsts.add(servedBy(f, call));
            }
            assertThat(firsts).as("each key's 'same' pinned on its own").hasSizeGreaterThan(1);
        }
    }

    @Test
    void aPinnedDeploymentWhoseBreakerOpensIsLeftAndTheSessionMovesForGood() {
        try (RouteFixture f = pinnedRoute()) {
            BreakerSettings twoInARow = new BreakerSettings(0.5, 100, 2, Duration.ofSeconds(10),
                    Duration.ofSeconds(30), Duration.ofMinutes(5), 1);
            for (String d : List.of("a", "b", "c")) {
                f.breaker(d, new ModelConfig.Breaker(true, twoInARow));
            }
            String pinned = servedBy(f, f.call().sessionHeader("s"));
            f.deployment(pinned).otherwise = Step.FAIL;
            String moved = servedBy(f, f.call().sessionHeader("s"));
            assertThat(moved).as("failed over within the call").isNotEqualTo(pinned);
            for (int i = 0; i < 50 && f.routing().breakers().get(pinned).allows(); i++) {
                servedBy(f, f.call()); // other calls hit it too, until its breaker opens
            }
            assertThat(f.routing().breakers().get(pinned).allows()).as("open after two failures").isFalse();
            int reached = f.deployment(pinned).reachedAt.size();
            for (int i = 0; i < 10; i++) {
                assertThat(servedBy(f, f.call().sessionHeader("s"))).isEqualTo(moved);
            }
            assertThat(f.deployment(pinned).reachedAt).as("not tried while open").hasSize(reached);

            f.deployment(pinned).otherwise = Step.ANSWER;
            f.clock.addAndGet(Duration.ofSeconds(31).toNanos());
            for (int i = 0; i < 10; i++) {
                assertThat(servedBy(f, f.call().sessionHeader("s"))).as("the pin moved with the session")
                        .isEqualTo(moved);
            }
        }
    }

    @Test
    void aSessionMovedToAStandbyDuringAnOutageComesBackOnceAWeightedDeploymentIsAvailable() {
        try (RouteFixture f = new RouteFixture()) {
            f.route("r", "weighted", RETRIES, List.of(), "main:1", "standby:0");
            f.affinity("r", TEN_MINUTES);
            f.breaker("main", new ModelConfig.Breaker(true, new BreakerSettings(0.5, 100, 1, Duration.ofSeconds(10),
                    Duration.ofSeconds(30), Duration.ofMinutes(5), 1)));
            f.deployment("main").otherwise = Step.FAIL;
            assertThat(servedBy(f, f.call().sessionHeader("s"))).isEqualTo("standby");
            assertThat(servedBy(f, f.call().sessionHeader("s"))).as("main's breaker is open").isEqualTo("standby");
            f.deployment("main").otherwise = Step.ANSWER;
            f.clock.addAndGet(Duration.ofSeconds(31).toNanos());
            assertThat(servedBy(f, f.call().sessionHeader("s"))).isEqualTo("main");
            assertThat(servedBy(f, f.call().sessionHeader("s"))).isEqualTo("main");
        }
    }

    @Test
    void aSessionWhoseRequestOutgrewItsDeploymentsContextWindowMovesToOneItFits() {
        try (RouteFixture f = new RouteFixture()) {
            f.route("r", "lowest-cost", RETRIES, List.of(), "small", "large");
            f.affinity("r", TEN_MINUTES);
            f.price("small", 0.1, 0.4).contextWindow("small", 8_000);
            f.price("large", 1, 4).contextWindow("large", 200_000);
            dev.sluice.api.chat.ChatRequest shortOne = RouteFixture.request("r").toBuilder().maxTokens(100).build();
            dev.sluice.api.chat.ChatRequest longOne = shortOne.toBuilder().messages(List.of(
                    dev.sluice.api.chat.Message.user("x".repeat(40_000)))).build();
            assertThat(servedBy(f, f.call().sessionHeader("s"), shortOne)).isEqualTo("small");
            assertThat(servedBy(f, f.call().sessionHeader("s"), longOne)).isEqualTo("large");
            assertThat(servedBy(f, f.call().sessionHeader("s"), shortOne)).as("pinned where it moved")
                    .isEqualTo("large");
        }
    }

    private static String servedBy(RouteFixture f, CallContext call, dev.sluice.api.chat.ChatRequest request) {
        await(f.chat(call, request));
        return call.responseHeaders().get("x-sluice-deployment");
    }

    @Test
    void aPinIsForgottenOnceItsSessionWasQuietForTheTtl() {
        try (RouteFixture f = pinnedRoute()) {
            for (int s = 0; s < 20; s++) {
                servedBy(f, f.call().sessionHeader("session-" + s));
            }
            assertThat(f.routing().pinnedSessions("r")).isEqualTo(20);
            f.clock.addAndGet(Duration.ofMinutes(9).toNanos());
            String first = servedBy(f, f.call().sessionHeader("session-0"));
            f.clock.addAndGet(Duration.ofMinutes(2).toNanos());
            assertThat(f.routing().pinnedSessions("r")).as("only the session used within the last 10 minutes")
                    .isEqualTo(1);
            assertThat(servedBy(f, f.call().sessionHeader("session-0"))).isEqualTo(first);
        }
    }
}
