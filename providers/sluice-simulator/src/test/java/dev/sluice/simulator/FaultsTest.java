package dev.sluice.simulator;

import static dev.sluice.simulator.Simulators.ask;
import static dev.sluice.simulator.Simulators.attempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.Deployment;
import dev.sluice.testkit.Calls;
import dev.sluice.testkit.TestAttempt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsTest {

    private static final String MIXED = "{\"error_rate\":0.3,\"drop_rate\":0.3,\"seed\":%d}";

    private final SimulatorProvider provider = Simulators.provider();

    /** What each of {@code calls} streamed calls did: "ok", "drop" or the error status. */
    private static List<String> outcomes(SimulatorProvider provider, Deployment model, int calls) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            try {
                Simulators.stream(provider, ask("hello there, simulator"), new TestAttempt(model));
                out.add("ok");
            } catch (GatewayException e) {
                out.add(e.getMessage().startsWith("stream dropped") ? "drop" : String.valueOf(e.error().status()));
            }
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameFaultsInTheSameOrder() {
        Deployment model = Simulators.model(MIXED.formatted(42));
        List<String> first = outcomes(provider, model, 40);
        List<String> second = outcomes(Simulators.provider(), Simulators.model(MIXED.formatted(42)), 40);
        assertThat(first).isEqualTo(second).contains("ok", "drop", "500");
    }

    @Test
    void anotherSeedGivesAnotherSequence() {
        assertThat(outcomes(provider, Simulators.model(MIXED.formatted(1)), 40))
                .isNotEqualTo(outcomes(provider, Simulators.model(MIXED.formatted(2)), 40));
    }

    @Test
    void injectedErrorsCarryTheirStatusTypeAndProvider() {
        assertThatThrownBy(() -> Calls.chat(provider, ask("x"), attempt("{\"error_rate\":1,\"error_status\":503}")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_UNAVAILABLE);
                    assertThat(e.error().status()).isEqualTo(503);
                    assertThat(e.error().provider()).isEqualTo("sim");
                    assertThat(e.error().retryAfter()).isNull();
                });
    }

    @Test
    void rateLimitErrorsAskToRetryAfterOneSecondByDefault() {
        assertThatThrownBy(() -> Calls.chat(provider, ask("x"), attempt("{\"error_rate\":1,\"error_status\":429}")))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void aDroppedStreamDeliversSomeDeltasThenFailsWithoutAStop() {
        List<ChatEvent> events = new ArrayList<>();
        TestAttempt attempt = attempt("{\"drop_rate\":1,\"seed\":5}");
        assertThatThrownBy(() ->
                Calls.stream(provider, ask("one two three four five six seven eight"), attempt, events::add))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
                    assertThat(e.getMessage()).startsWith("stream dropped");
                });
        assertThat(events.getFirst()).isInstanceOf(ChatEvent.MessageStart.class);
        assertThat(events).filteredOn(ChatEvent.TextDelta.class::isInstance).hasSizeBetween(1, 7);
        assertThat(events).noneMatch(ChatEvent.MessageStop.class::isInstance);
    }

    @Test
    void aHangingCallStaysPendingUntilItsAttemptIsCancelledThenFailsWithATimeout() {
        TestAttempt attempt = attempt("{\"timeout_rate\":1}");
        List<ChatEvent> events = new ArrayList<>();
        CompletableFuture<Void> call = Simulators.start(provider, ask("x"), attempt, events::add);
        assertThatThrownBy(() -> call.get(100, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        attempt.cancel();
        assertThat(call).failsWithin(Duration.ofSeconds(1)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().type()).isEqualTo(ErrorType.TIMEOUT));
        assertThat(events).isEmpty();
    }

    @Test
    void aCancelledStreamEmitsNothingMoreAndFailsWithATimeoutAtOnce() throws Exception {
        // 50 tokens/s: a token every 20 ms, so 200 ms without one after the cancel is ten missed tokens
        TestAttempt attempt = attempt("{\"reply\":\"lorem\",\"output_tokens\":1000,\"tokens_per_second\":50}");
        CountDownLatch threeDeltas = new CountDownLatch(3);
        CountDownLatch eventAfterCancel = new CountDownLatch(1);
        AtomicBoolean cancelled = new AtomicBoolean();
        CompletableFuture<Void> call = Simulators.start(provider, ask("x"), attempt, e -> {
            if (cancelled.get()) {
                eventAfterCancel.countDown();
            } else if (e instanceof ChatEvent.TextDelta) {
                threeDeltas.countDown();
            }
        });
        assertThat(threeDeltas.await(5, TimeUnit.SECONDS)).isTrue();
        attempt.loop().execute(() -> { // on the call's thread, as the engine's timers cancel
            cancelled.set(true);
            attempt.cancel();
        });
        assertThat(call).failsWithin(Duration.ofMillis(500)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().type()).isEqualTo(ErrorType.TIMEOUT));
        assertThat(eventAfterCancel.await(200, TimeUnit.MILLISECONDS)).as("an event after the cancel").isFalse();
    }
}
