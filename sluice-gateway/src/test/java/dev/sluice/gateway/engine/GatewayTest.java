package dev.sluice.gateway.engine;

import static dev.sluice.gateway.engine.GatewayFixture.MODEL;
import static dev.sluice.gateway.engine.GatewayFixture.await;
import static dev.sluice.gateway.engine.GatewayFixture.error;
import static dev.sluice.gateway.engine.GatewayFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.event.AttemptRecord;
import dev.sluice.api.event.AttemptStart;
import dev.sluice.api.event.CallRecord;
import dev.sluice.api.event.CallStart;
import dev.sluice.api.event.GatewayListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One call through the engine as the edge makes it: what reaches the provider, and what listeners are told. */
class GatewayTest {

    private final GatewayFixture fixture = new GatewayFixture();
    private final RecordingListener recorder = fixture.recorder;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aCallReachesTheProviderWithTheUpstreamModelAndIsRecordedOnce() {
        var response = await(fixture.chat(request(MODEL)));
        assertThat(fixture.provider.lastRequest.model()).isEqualTo("upstream-id");
        assertThat(fixture.provider.lastRequest.stream()).isFalse();
        assertThat(response.text()).isEqualTo("hi upstream-id");
        assertThat(recorder.log).containsExactly("start public-name", "attempt 1 public-name", "attempt-end 1 ok",
                "end 200");
        CallRecord r = recorder.calls.getFirst();
        assertThat(r.request().model()).isEqualTo(MODEL);
        assertThat(r.routing().upstreamModel()).isEqualTo("upstream-id");
        assertThat(r.routing().providerType()).isEqualTo("scripted");
        assertThat(r.outcome().usage().inputTokens()).isEqualTo(3);
        assertThat(r.outcome().responseId()).isEqualTo("r1");
        assertThat(r.routing().attempts()).isEqualTo(1);
        assertThat(r.request().tags()).containsEntry("team", "search");
        assertThat(r.timing().latencyNanos()).isPositive();
        assertThat(r.timing().ttftNanos()).as("a whole answer's first token is the answer")
                .isBetween(1L, r.timing().latencyNanos());
        assertThat(r.timing().gatewayNanos()).isBetween(0L, r.timing().latencyNanos());
        assertThat(fixture.loop.timersSet()).isEqualTo(1);
        assertThat(fixture.loop.armedTimers()).as("timers are disarmed when the attempt ends").isZero();
        assertThat(fixture.gateway().inFlight()).isZero();
    }

    @Test
    void anUnknownModelIsA404NamingItAndStillEndsTheCall() {
        GatewayError e = error(fixture.chat(request("nope")));
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.message()).contains("'nope'");
        assertThat(recorder.log).containsExactly("start nope", "end 404");
        assertThat(recorder.calls.getFirst().outcome().errorType()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(fixture.provider.reached).isNotDone();
        assertThat(fixture.gateway().inFlight()).isZero();
    }

    @Test
    void streamsReportFirstTokenUsageAndStopReason() {
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        await(fixture.stream(fixture.call(null), request(MODEL), events::add));
        assertThat(events).hasSize(5);
        assertThat(fixture.provider.lastRequest.stream()).isTrue();
        assertThat(recorder.log).containsExactly("start public-name", "attempt 1 public-name", "first-token",
                "attempt-end 1 ok", "end 200");
        CallRecord r = recorder.calls.getFirst();
        assertThat(r.timing().ttftNanos()).isPositive().isLessThanOrEqualTo(r.timing().latencyNanos());
        assertThat(r.outcome().usage().outputTokens()).isEqualTo(2);
        assertThat(r.outcome().stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(r.outcome().responseId()).isEqualTo("r1");
        assertThat(r.request().stream()).isTrue();
        assertThat(fixture.loop.armedTimers()).as("both stream timers are disarmed").isZero();
    }

    @Test
    void providerErrorsKeepTheirStatusAndRetryAfter() {
        fixture.provider.mode = ScriptedProvider.Mode.FAIL;
        fixture.provider.failure = new GatewayError(ErrorType.RATE_LIMITED, 429, "slow down", "p1",
                Duration.ofSeconds(7), null).toException();
        GatewayError e = error(fixture.chat(request(MODEL)));
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(recorder.attempts.getFirst().errorType()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(recorder.calls.getFirst().outcome().status()).isEqualTo(429);
        assertThat(fixture.loop.armedTimers()).isZero();
    }

    @Test
    void aProviderThatFailsUnexpectedlyIsAnInternalErrorNamingIt() {
        fixture.provider.mode = ScriptedProvider.Mode.THROW;
        GatewayError e = error(fixture.chat(request(MODEL)));
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.message()).isEqualTo("internal error in provider 'p1'").doesNotContain("scripted failure");
        assertThat(recorder.log).containsExactly("start public-name", "attempt 1 public-name",
                "attempt-end 1 INTERNAL", "end 500");
        assertThat(fixture.loop.armedTimers()).isZero();
    }

    @Test
    void theCallersTraceparentAndListenerHeadersAreForwardedUpstream() {
        String tp = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        await(fixture.chat(fixture.call(tp), request(MODEL)));
        assertThat(fixture.provider.lastForwardHeaders).containsEntry("traceparent", tp)
                .containsEntry("x-test-span", "span-1");
        assertThat(recorder.calls.getFirst().identity().traceparent()).isEqualTo(tp);
    }

    @Test
    void listenersAreToldInTheirOrder() {
        fixture.listeners(new GatewayListener() {
            @Override public void onCallStart(CallStart start) { recorder.log.add("first listener: start"); }

            @Override public void onCallEnd(CallRecord call) { recorder.log.add("first listener: end"); }
        });
        await(fixture.chat(request(MODEL)));
        assertThat(recorder.log).containsExactly("first listener: start", "start public-name",
                "attempt 1 public-name", "attempt-end 1 ok", "first listener: end", "end 200");
    }

    @Test
    void aListenerThatThrowsNeverFailsTheCallNorSilencesTheOthers() {
        GatewayListener broken = new GatewayListener() {
            @Override public void onCallStart(CallStart start) { throw new IllegalStateException("boom"); }

            @Override
            public void onAttemptStart(AttemptStart attempt, Map<String, String> forwardHeaders) {
                throw new IllegalStateException("boom");
            }

            @Override public void onAttemptEnd(AttemptRecord attempt) { throw new IllegalStateException("boom"); }

            @Override public void onFirstToken(String requestId, long ttftNanos) { throw new IllegalStateException("boom"); }

            @Override public void onCallEnd(CallRecord call) { throw new IllegalStateException("boom"); }
        };
        fixture.listeners(broken);
        await(fixture.stream(fixture.call(null), request(MODEL), e -> { }));
        assertThat(recorder.log).containsExactly("start public-name", "attempt 1 public-name", "first-token",
                "attempt-end 1 ok", "end 200");
    }

    @Test
    void theAnswerAndEveryListenerCallbackRunOnTheCallsEventLoop() {
        await(fixture.chat(request(MODEL)));
        await(fixture.stream(fixture.call(null), request(MODEL), e -> { }));
        error(fixture.chat(request("nope")));
        assertThat(fixture.provider.reached).isCompletedWithValue(fixture.loopThread);
        assertThat(recorder.log).hasSize(4 + 5 + 2);
        assertThat(recorder.threads()).containsExactly(fixture.loopThread);
        assertThat(fixture.answerThreads).hasSize(3).containsOnly(fixture.loopThread);
    }

    @Test
    void theInFlightCountReturnsToZeroAndAwaitIdleSeesIt() {
        fixture.provider.mode = ScriptedProvider.Mode.HANG;
        CallContext call = fixture.call(null);
        var answer = fixture.chat(call, request(MODEL));
        await(fixture.provider.reached);
        Gateway gateway = fixture.gateway();
        assertThat(gateway.inFlight()).isEqualTo(1);
        assertThat(gateway.awaitIdle(Duration.ofMillis(50))).as("a call is still in flight").isFalse();

        await(fixture.onLoop(() -> call.cancel("caller went away")));
        GatewayFixture.failure(answer);
        assertThat(gateway.awaitIdle(GatewayFixture.DEADLINE)).isTrue();
        assertThat(gateway.inFlight()).isZero();
    }
}
