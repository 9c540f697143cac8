package dev.sluice.gateway.engine;

import static dev.sluice.gateway.engine.GatewayFixture.MODEL;
import static dev.sluice.gateway.engine.GatewayFixture.await;
import static dev.sluice.gateway.engine.GatewayFixture.error;
import static dev.sluice.gateway.engine.GatewayFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.event.CallRecord;
import dev.sluice.spi.Timeouts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The first-token and total timeouts: timers on the call's own loop that cancel the attempt, reported as the
 * provider's timeout (504) whatever the provider does once cancelled, and disarmed when the attempt ends.
 */
class AttemptTimeoutTest {

    private final GatewayFixture fixture = new GatewayFixture();
    private final ScriptedProvider provider = fixture.provider;

    @AfterEach
    void close() {
        fixture.close();
    }

    private static Timeouts timeouts(long firstTokenMillis, long totalMillis) {
        return new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(firstTokenMillis), Duration.ofMillis(totalMillis));
    }

    @Test
    void aSilentUpstreamIsCancelledAtTheFirstTokenTimeoutOnTheCallsLoop() {
        provider.mode = ScriptedProvider.Mode.HANG;
        fixture.timeouts(timeouts(100, 20_000));
        GatewayError e = error(fixture.stream(fixture.call(null), request(MODEL), event -> { }));
        assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(e.status()).isEqualTo(504);
        assertThat(e.provider()).isEqualTo("p1");
        assertThat(e.message()).contains("provider 'p1'").contains("first-token timeout");
        assertThat(provider.cancelled).as("the attempt was cancelled by a timer on the call's loop")
                .isCompletedWithValue(fixture.loopThread);
        CallRecord r = fixture.recorder.calls.getFirst();
        assertThat(r.outcome().status()).isEqualTo(504);
        assertThat(r.outcome().errorType()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(fixture.recorder.attempts.getFirst().errorType()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(fixture.recorder.threads()).containsExactly(fixture.loopThread);
        assertThat(fixture.answerThreads).containsExactly(fixture.loopThread);
        assertThat(fixture.loop.timersSet()).isEqualTo(2);
        assertThat(fixture.loop.armedTimers()).as("the total timer is disarmed too").isZero();
    }

    @Test
    void theTotalTimeoutCutsAStreamThatStalledAfterItsFirstToken() {
        provider.mode = ScriptedProvider.Mode.HANG_AFTER_FIRST;
        fixture.timeouts(timeouts(50, 250));
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        GatewayError e = error(fixture.stream(fixture.call(null), request(MODEL), events::add));
        assertThat(e.message()).as("the first token disarmed the first-token timer").contains("total timeout");
        assertThat(events).hasSize(2);
        CallRecord r = fixture.recorder.calls.getFirst();
        assertThat(r.outcome().status()).as("the caller already got 200 and the stream's head").isEqualTo(200);
        assertThat(r.outcome().errorType()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(fixture.recorder.log).containsExactly("start public-name", "attempt 1 public-name",
                "first-token", "attempt-end 1 TIMEOUT", "end 200");
    }

    @Test
    void aWholeAnswerIsBoundByTheTotalTimeoutAlone() {
        provider.mode = ScriptedProvider.Mode.HANG;
        fixture.timeouts(timeouts(20_000, 100));
        GatewayError e = error(fixture.chat(request(MODEL)));
        assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(e.message()).contains("provider 'p1'").contains("total timeout");
        assertThat(fixture.recorder.calls.getFirst().outcome().status()).isEqualTo(504);
        assertThat(fixture.loop.timersSet()).as("no first-token timer for a whole answer").isEqualTo(1);
        assertThat(fixture.loop.armedTimers()).isZero();
    }

    @Test
    void anUpstreamErrorAfterTheTimeoutIsReportedAsTheTimeout() {
        provider.mode = ScriptedProvider.Mode.HANG;
        provider.failureOnCancel = new GatewayError(ErrorType.UPSTREAM_ERROR, 502, "connection reset", "p1", null,
                null).toException();
        fixture.timeouts(timeouts(100, 20_000));
        GatewayError e = error(fixture.stream(fixture.call(null), request(MODEL), event -> { }));
        assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(e.status()).isEqualTo(504);
        assertThat(e.message()).contains("first-token timeout").doesNotContain("connection reset");
        assertThat(fixture.recorder.attempts.getFirst().status()).isEqualTo(504);
        assertThat(fixture.recorder.calls.getFirst().outcome().errorType()).isEqualTo(ErrorType.TIMEOUT);
    }

    @Test
    void anAnswerThatComesOnlyAfterTheTimeoutIsStillTheTimeout() {
        provider.mode = ScriptedProvider.Mode.ANSWER_WHEN_CANCELLED;
        fixture.timeouts(timeouts(20_000, 100));
        GatewayError e = error(fixture.chat(request(MODEL)));
        assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(e.message()).contains("provider 'p1'").contains("total timeout");
        assertThat(fixture.recorder.log).containsExactly("start public-name", "attempt 1 public-name",
                "attempt-end 1 TIMEOUT", "end 504");
    }

    @Test
    void anAnswerWithinItsTimeoutsLeavesNoTimerArmed() {
        fixture.timeouts(timeouts(5_000, 10_000));
        await(fixture.stream(fixture.call(null), request(MODEL), event -> { }));
        await(fixture.chat(request(MODEL)));
        assertThat(fixture.loop.timersSet()).isEqualTo(3);
        assertThat(fixture.loop.armedTimers()).isZero();
        assertThat(provider.cancelled).isNotDone();
    }
}
