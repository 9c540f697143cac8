package dev.sluice.gateway.engine;

import static dev.sluice.gateway.engine.GatewayFixture.await;
import static dev.sluice.gateway.engine.GatewayFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.event.AttemptRecord;
import dev.sluice.gateway.config.RouteConfig;
import dev.sluice.gateway.engine.FakeUpstream.Step;
import dev.sluice.gateway.routing.RetryPolicy;
import dev.sluice.gateway.routing.RouteStrategies;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Fallbacks beyond a route's own: a prompt an upstream finds too long goes to the route's
 * {@code context_window_fallbacks}, a content filter's refusal (an error, or a whole answer it withheld) to its
 * {@code content_policy_fallbacks}; each attempt says why it was made, and the call record lists them all.
 */
class RouteFallbacksTest {

    private static final RetryPolicy TWO_RETRIES = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofSeconds(30));

    private static RouteConfig route(String name, List<String> fallbacks, List<String> contextWindow,
                                     List<String> contentPolicy, String... members) {
        return new RouteConfig(name, RouteStrategies.find("weighted"),
                java.util.Arrays.stream(members).map(m -> new RouteConfig.Member(m, 1)).toList(), fallbacks,
                TWO_RETRIES, "test: " + name, contextWindow, contentPolicy, null);
    }

    private static List<String> reasons(RouteFixture f) {
        return f.lastCall.routing().attemptLog().stream().map(a -> String.valueOf(a.reason())).toList();
    }

    @Test
    void aPromptTooLongForTheDeploymentIsAnsweredByTheLargerContextModel() {
        try (RouteFixture f = new RouteFixture()) {
            f.deployment("big");
            f.route(route("small", List.of(), List.of("big"), List.of(), "s"));
            f.deployment("s").failWith(ErrorType.CONTEXT_WINDOW_EXCEEDED).otherwise = Step.FAIL;
            CallContext call = f.call();

            assertThat(await(f.chat(call, "small")).text()).isEqualTo("hi from big");

            assertThat(f.deployment("s").reachedAt).as("a 400 is not retried on the same context").hasSize(1);
            assertThat(call.responseHeaders()).containsEntry("x-sluice-deployment", "big")
                    .containsEntry("x-sluice-attempts", "2");
            List<AttemptRecord> log = f.lastCall.routing().attemptLog();
            assertThat(log).extracting(AttemptRecord::deployment).containsExactly("s", "big");
            assertThat(log.get(0).errorType()).isEqualTo(ErrorType.CONTEXT_WINDOW_EXCEEDED);
            assertThat(log.get(0).status()).isEqualTo(400);
            assertThat(log.get(1).reason()).isEqualTo(AttemptRecord.CONTEXT_WINDOW_FALLBACK);
            assertThat(log.get(1).status()).isEqualTo(200);
            assertThat(f.routing().breakers()).as("a model that serves a route's fallbacks has a breaker")
                    .containsKey("big");
        }
    }

    @Test
    void withoutContextWindowFallbacksTheCallerSeesTheUpstreamsContextError() {
        try (RouteFixture f = new RouteFixture()) {
            f.deployment("big");
            f.route(route("small", List.of("other"), List.of(), List.of("big"), "s"));
            f.route(route("other", List.of(), List.of(), List.of(), "o"));
            f.deployment("s").failWith(ErrorType.CONTEXT_WINDOW_EXCEEDED).otherwise = Step.FAIL;

            GatewayError e = error(f.chat(f.call(), "small"));

            assertThat(e.type()).isEqualTo(ErrorType.CONTEXT_WINDOW_EXCEEDED);
            assertThat(e.status()).isEqualTo(400);
            assertThat(f.deployment("big").reachedAt).as("content-policy fallbacks are for refusals only").isEmpty();
            assertThat(f.deployment("o").reachedAt).as("a caller's error is no reason for plain fallbacks").isEmpty();
        }
    }

    @Test
    void aContentFilterErrorGoesToTheDesignatedRoute() {
        try (RouteFixture f = new RouteFixture()) {
            f.route(route("main", List.of(), List.of(), List.of("lenient"), "m"));
            f.route(route("lenient", List.of(), List.of(), List.of(), "l"));
            f.deployment("m").failWith(ErrorType.CONTENT_FILTERED).otherwise = Step.FAIL;

            assertThat(await(f.chat(f.call(), "main")).text()).isEqualTo("hi from l");
            assertThat(reasons(f)).containsExactly("null", AttemptRecord.CONTENT_POLICY_FALLBACK);
        }
    }

    @Test
    void aWholeAnswerTheUpstreamsFilterWithheldIsAnsweredAgainByTheDesignatedModel() {
        try (RouteFixture f = new RouteFixture()) {
            f.deployment("lenient");
            f.route(route("main", List.of(), List.of(), List.of("lenient"), "m"));
            f.deployment("m").otherwise = Step.REFUSE;

            var answer = await(f.chat(f.call(), "main"));

            assertThat(answer.text()).isEqualTo("hi from lenient");
            assertThat(answer.stopReason()).isEqualTo(StopReason.END_TURN);
            assertThat(reasons(f)).containsExactly("null", AttemptRecord.CONTENT_POLICY_FALLBACK);
            AttemptRecord withheld = f.lastCall.routing().attemptLog().getFirst();
            assertThat(withheld.errorType()).as("the dropped answer does not read as a success")
                    .isEqualTo(ErrorType.CONTENT_FILTERED);
            assertThat(withheld.status()).isEqualTo(200);
        }
    }

    @Test
    void aRefusalWithNoDesignatedModelReachesTheCallerAsItIs() {
        try (RouteFixture f = new RouteFixture()) {
            f.route(route("main", List.of(), List.of(), List.of(), "m"));
            f.deployment("m").otherwise = Step.REFUSE;

            assertThat(await(f.chat(f.call(), "main")).stopReason()).isEqualTo(StopReason.CONTENT_FILTERED);
        }
    }

    @Test
    void aStreamFailsOverToTheLargerContextBeforeItsFirstByte() {
        try (RouteFixture f = new RouteFixture()) {
            f.deployment("big");
            f.route(route("small", List.of(), List.of("big"), List.of(), "s"));
            f.deployment("s").failWith(ErrorType.CONTEXT_WINDOW_EXCEEDED).otherwise = Step.FAIL;
            List<ChatEvent> events = new CopyOnWriteArrayList<>();

            await(f.stream(f.call(), "small", events::add));

            assertThat(events).contains(new ChatEvent.TextDelta(0, "hi from big"));
            assertThat(reasons(f)).containsExactly("null", AttemptRecord.CONTEXT_WINDOW_FALLBACK);
        }
    }

    @Test
    void aStreamsRefusalAfterItsFirstByteIsNotAnsweredAgain() {
        try (RouteFixture f = new RouteFixture()) {
            f.deployment("lenient");
            f.route(route("main", List.of(), List.of(), List.of("lenient"), "m"));
            f.deployment("m").otherwise = Step.REFUSE;
            List<ChatEvent> events = new CopyOnWriteArrayList<>();

            await(f.stream(f.call(), "main", events::add));

            assertThat(events).contains(new ChatEvent.TextDelta(0, "refused by m"));
            assertThat(f.deployment("lenient").reachedAt).isEmpty();
        }
    }

    @Test
    void eachAttemptSaysWhetherItWasARetryOrAFallback() {
        try (RouteFixture f = new RouteFixture()) {
            f.route(route("main", List.of("backup"), List.of(), List.of(), "a", "b"));
            f.route(route("backup", List.of(), List.of(), List.of(), "z"));
            f.deployment("a").otherwise = Step.FAIL;
            f.deployment("b").otherwise = Step.FAIL;

            assertThat(await(f.chat(f.call(), "main")).text()).isEqualTo("hi from z");

            assertThat(reasons(f)).containsExactly("null", "retry", "retry", "fallback");
            assertThat(f.lastCall.routing().attempts()).isEqualTo(4);
            assertThat(f.lastCall.routing().attemptLog()).extracting(AttemptRecord::number)
                    .containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void aFallbackThatIsStillTooSmallMovesTheCallToTheNextLargerOneNotBack() {
        try (RouteFixture f = new RouteFixture()) {
            f.deployment("huge");
            f.route(route("chat", List.of(), List.of("mid", "huge"), List.of(), "s"));
            f.route(route("mid", List.of(), List.of(), List.of(), "m"));
            f.deployment("s").failWith(ErrorType.CONTEXT_WINDOW_EXCEEDED).otherwise = Step.FAIL;
            f.deployment("m").failWith(ErrorType.CONTEXT_WINDOW_EXCEEDED).otherwise = Step.FAIL;

            assertThat(await(f.chat(f.call(), "chat")).text()).isEqualTo("hi from huge");

            assertThat(f.lastCall.routing().attemptLog()).extracting(AttemptRecord::deployment)
                    .containsExactly("s", "m", "huge");
            assertThat(reasons(f)).containsExactly("null", AttemptRecord.CONTEXT_WINDOW_FALLBACK,
                    AttemptRecord.CONTEXT_WINDOW_FALLBACK);
        }
    }

    @Test
    void contextWindowFallbacksThatPointAtEachOtherEnd() {
        try (RouteFixture f = new RouteFixture()) {
            f.route(route("one", List.of(), List.of("two"), List.of(), "x"));
            f.route(route("two", List.of(), List.of("one"), List.of(), "y"));
            f.deployment("x").failWith(ErrorType.CONTEXT_WINDOW_EXCEEDED).otherwise = Step.FAIL;
            f.deployment("y").failWith(ErrorType.CONTEXT_WINDOW_EXCEEDED).otherwise = Step.FAIL;

            GatewayError e = error(f.chat(f.call(), "one"));

            assertThat(e.type()).isEqualTo(ErrorType.CONTEXT_WINDOW_EXCEEDED);
            assertThat(f.lastCall.routing().attempts()).isEqualTo(1 + RoutedCall.MAX_SPECIAL_FALLBACKS);
        }
    }
}
