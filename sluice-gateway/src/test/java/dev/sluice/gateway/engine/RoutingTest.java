package dev.sluice.gateway.engine;

import static dev.sluice.gateway.engine.GatewayFixture.await;
import static dev.sluice.gateway.engine.GatewayFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.gateway.config.ModelConfig;
import dev.sluice.gateway.engine.FakeUpstream.Step;
import dev.sluice.gateway.routing.BreakerSettings;
import dev.sluice.gateway.routing.CircuitBreaker;
import dev.sluice.gateway.routing.RetryPolicy;
import dev.sluice.spi.Timeouts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Routes in the engine: strategies, retries, fallbacks, breakers and what the caller and the ledger are told. */
class RoutingTest {

    private static final RetryPolicy TWO_RETRIES = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofSeconds(30));

    @Test
    void weightedSplitIsWithinThreePercentOfTheWeightsOver10000Calls() {
        try (RouteFixture f = new RouteFixture()) {
            f.route("r", "weighted", TWO_RETRIES, List.of(), "a:5", "b:3", "c:2");
            int failed = 0;
            for (int i = 0; i < 20; i++) {
                failed += f.burst("r", 500);
            }
            assertThat(failed).isZero();
            assertThat(f.served("a") / 10_000.0).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.03));
            assertThat(f.served("b") / 10_000.0).isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.03));
            assertThat(f.served("c") / 10_000.0).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.03));
        }
    }

    @Test
    void lowestLatencyMovesAtLeast90PercentOfTrafficToADeploymentMade3xFasterWithin200Calls() {
        try (RouteFixture f = new RouteFixture()) {
            f.route("r", "lowest-latency", TWO_RETRIES, List.of(), "a", "b", "c");
            f.deployment("a").latencyNanos = 30_000_000;
            f.deployment("b").latencyNanos = 30_000_000;
            f.deployment("c").latencyNanos = 20_000_000;
            oneByOne(f, 100);
            assertThat(f.served("c")).as("the fastest at first").isGreaterThan(85);
            f.deployment("b").latencyNanos = 10_000_000; // b is now 3x faster than a and 2x than c
            f.resetCounts();
            oneByOne(f, 200);
            assertThat(f.served("b")).as("b's share of the 200 calls after it got faster").isGreaterThan(100);
            f.resetCounts();
            oneByOne(f, 200);
            assertThat(f.served("b") / 200.0).as("b's share once moved").isGreaterThanOrEqualTo(0.9);
        }
    }

    /** Calls one at a time, so that each call's latency moves the test's clock alone. */
    private static void oneByOne(RouteFixture f, int n) {
        for (int i = 0; i < n; i++) {
            await(f.chat(f.call(), "r"));
        }
    }

    @Test
    void leastBusyPicksTheDeploymentWithFewestAttemptsInFlight() {
        try (RouteFixture f = new RouteFixture()) {
            f.route("r", "least-busy", new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1),
                    Duration.ofSeconds(30)), List.of(), "a", "b");
            f.deployment("a").otherwise = Step.HANG;
            f.deployment("b").otherwise = Step.HANG;
            List<CallContext> calls = new CopyOnWriteArrayList<>();
            List<CompletableFuture<ChatResponse>> hanging = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 10; i++) {
                CallContext c = f.call();
                calls.add(c);
                hanging.add(f.chat(c, "r"));
            }
            await(f.loop.submit(() -> { }));
            assertThat(f.deployment("a").reachedAt).hasSize(5);
            assertThat(f.deployment("b").reachedAt).hasSize(5);
            calls.forEach(c -> f.loop.execute(() -> c.cancel("test over")));
        }
    }

    @Test
    void aFailedDeploymentFailsOverToAnotherAtOnceAndTheAnswerSaysWhichServed() {
        try (RouteFixture f = new RouteFixture()) {
            f.route("r", "weighted", TWO_RETRIES, List.of(), "a:1", "b:0");
            f.deployment("a").otherwise = Step.FAIL;
            CallContext call = f.call();
            ChatResponse answer = await(f.chat(call, "r"));
            assertThat(answer.text()).isEqualTo("hi from b");
            assertThat(call.responseHeaders()).containsEntry("x-sluice-deployment", "b")
                    .containsEntry("x-sluice-attempts", "2");
            assertThat(f.served("b")).isEqualTo(1);
            assertThat(call.target().deployment().name()).isEqualTo("b");
        }
    }

    @Test
    void aRouteFallsBackToItsFallbackRouteWhenItsOwnDeploymentsAreSpent() {
        try (RouteFixture f = new RouteFixture()) {
            f.route("main", "weighted", new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1),
                    Duration.ofSeconds(30)), List.of("backup"), "a");
            f.route("backup", "weighted", TWO_RETRIES, List.of(), "z");
            f.deployment("a").otherwise = Step.FAIL;
            CallContext call = f.call();
            assertThat(await(f.chat(call, "main")).text()).isEqualTo("hi from z");
            assertThat(f.deployment("a").reachedAt).as("tried, retried, then fell back").hasSize(2);
            assertThat(call.responseHeaders()).containsEntry("x-sluice-attempts", "3");
        }
    }

    @Test
    void retriesHonourRetryAfter() {
        try (RouteFixture f = new RouteFixture()) {
            f.route("r", "weighted", new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1),
                    Duration.ofSeconds(30)), List.of(), "a");
            f.deployment("a").failWith(429, Duration.ofMillis(300)).then(Step.FAIL);
            assertThat(await(f.chat(f.call(), "r")).text()).isEqualTo("hi from a");
            List<Long> at = f.deployment("a").reachedAt;
            assertThat(at).hasSize(2);
            assertThat(at.get(1) - at.get(0)).as("waited the retry-after").isGreaterThanOrEqualTo(
                    TimeUnit.MILLISECONDS.toNanos(300));
        }
    }

    @Test
    void aRetryAfterPastTheDeadlineIsNotWaitedForAndTheCallerSeesTheError() {
        try (RouteFixture f = new RouteFixture()) {
            f.route("r", "weighted", new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1),
                    Duration.ofSeconds(2)), List.of(), "a");
            f.deployment("a").failWith(429, Duration.ofSeconds(60)).then(Step.FAIL);
            long t0 = System.nanoTime();
            GatewayError e = error(f.chat(f.call(), "r"));
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(2));
            assertThat(e.status()).isEqualTo(429);
            assertThat(f.deployment("a").reachedAt).hasSize(1);
        }
    }

    @Test
    void anAttemptIsCutAtTheRoutesDeadline() {
        try (RouteFixture f = new RouteFixture()) {
            f.route("r", "weighted", new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1),
                    Duration.ofMillis(300)), List.of(), "a");
            f.deployment("a").otherwise = Step.HANG;
            long t0 = System.nanoTime();
            GatewayError e = error(f.chat(f.call(), "r"));
            long took = System.nanoTime() - t0;
            assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT);
            assertThat(took).isBetween(TimeUnit.MILLISECONDS.toNanos(250), TimeUnit.SECONDS.toNanos(3));
        }
    }

    @Test
    void callerErrorsAreNeitherRetriedNorCountedByTheBreaker() {
        try (RouteFixture f = new RouteFixture()) {
            f.route("r", "weighted", TWO_RETRIES, List.of(), "a:1", "b:0");
            f.deployment("a").failWith(400, null).otherwise = Step.FAIL;
            for (int i = 0; i < 30; i++) {
                assertThat(error(f.chat(f.call(), "r")).status()).isEqualTo(400);
            }
            assertThat(f.deployment("b").reachedAt).isEmpty();
            assertThat(f.routing().breakers().get("a").state()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }

    @Test
    void aStreamFailsOverBeforeItsFirstByte() {
        try (RouteFixture f = new RouteFixture()) {
            f.route("r", "weighted", TWO_RETRIES, List.of(), "a:1", "b:0");
            f.deployment("a").otherwise = Step.FAIL;
            List<ChatEvent> events = new CopyOnWriteArrayList<>();
            CallContext call = f.call();
            await(f.stream(call, "r", events::add));
            assertThat(events).contains(new ChatEvent.TextDelta(0, "hi from b"));
            assertThat(call.responseHeaders()).containsEntry("x-sluice-deployment", "b");
        }
    }

    @Test
    void aStreamIsNeverRetriedAfterItsFirstEventReachedTheCaller() {
        try (RouteFixture f = new RouteFixture()) {
            f.route("r", "weighted", TWO_RETRIES, List.of(), "a:1", "b:0");
            f.deployment("a").otherwise = Step.FIRST_THEN_FAIL;
            List<ChatEvent> events = new CopyOnWriteArrayList<>();
            CallContext call = f.call();
            GatewayError e = error(f.stream(call, "r", events::add));
            assertThat(e.status()).isEqualTo(502);
            assertThat(events).contains(new ChatEvent.TextDelta(0, "hi fr"));
            assertThat(f.deployment("b").reachedAt).isEmpty();
            assertThat(call.responseHeaders()).containsEntry("x-sluice-attempts", "1");
        }
    }

    @Test
    void aBreakerOpensAfterFailuresInARowRefusesWhileOpenAndClosesAfterAProbe() {
        try (RouteFixture f = new RouteFixture()) {
            f.breaker("solo", new ModelConfig.Breaker(true, new BreakerSettings(0.5, 100, 3, Duration.ofSeconds(10),
                    Duration.ofSeconds(30), Duration.ofMinutes(5), 1)));
            f.deployment("solo").otherwise = Step.FAIL;
            for (int i = 0; i < 3; i++) {
                assertThat(error(f.chat(f.call(), "solo")).status()).isEqualTo(502);
            }
            CircuitBreaker breaker = f.routing().breakers().get("solo");
            assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
            GatewayError refused = error(f.chat(f.call(), "solo"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.message()).contains("circuit breaker is open");
            assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(30));
            assertThat(f.deployment("solo").reachedAt).as("not reached while open").hasSize(3);

            f.clock.addAndGet(Duration.ofSeconds(31).toNanos());
            f.deployment("solo").otherwise = Step.ANSWER;
            assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
            assertThat(await(f.chat(f.call(), "solo")).text()).isEqualTo("hi from solo");
            assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }

    @Test
    void aRouteSkipsADeploymentWhoseBreakerIsOpenAndTriesItAgainAfterTheCoolDown() {
        try (RouteFixture f = new RouteFixture()) {
            f.route("r", "weighted", TWO_RETRIES, List.of(), "a:1", "b:1");
            f.deployment("a").otherwise = Step.FAIL;
            assertThat(f.burst("r", 200)).isZero();
            CircuitBreaker a = f.routing().breakers().get("a");
            assertThat(a.state()).isEqualTo(CircuitBreaker.State.OPEN);
            int reached = f.deployment("a").reachedAt.size();
            assertThat(f.burst("r", 100)).isZero();
            assertThat(f.deployment("a").reachedAt).as("skipped while open").hasSize(reached);
            f.deployment("a").otherwise = Step.ANSWER;
            f.clock.addAndGet(BreakerSettings.DEFAULT.openFor().toNanos());
            oneByOneOn(f, "r", 50);
            assertThat(a.state()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(f.deployment("a").reachedAt.size()).isGreaterThan(reached + 10);
        }
    }

    private static void oneByOneOn(RouteFixture f, String model, int n) {
        for (int i = 0; i < n; i++) {
            await(f.chat(f.call(), model));
        }
    }

    @Test
    void anUnknownNameIsStillA404AndAPlainModelCarriesNoRoutingHeaders() {
        try (RouteFixture f = new RouteFixture()) {
            f.deployment("plain");
            assertThat(error(f.chat(f.call(), "nope")).status()).isEqualTo(404);
            CallContext call = f.call();
            assertThat(await(f.chat(call, "plain")).text()).isEqualTo("hi from plain");
            assertThat(call.responseHeaders()).isEmpty();
            assertThat(f.routing().breakers()).isEmpty();
        }
    }

    @Test
    void anAttemptTimeoutIsRetriedOnAnotherDeployment() {
        try (RouteFixture f = new RouteFixture()) {
            f.timeouts("a", new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(50)));
            f.route("r", "weighted", TWO_RETRIES, List.of(), "a:1", "b:0");
            f.deployment("a").otherwise = Step.HANG;
            CallContext call = f.call();
            assertThat(await(f.chat(call, "r")).text()).isEqualTo("hi from b");
            assertThat(f.attempts).extracting(a -> a.errorType()).containsExactly(ErrorType.TIMEOUT, null);
        }
    }
}
