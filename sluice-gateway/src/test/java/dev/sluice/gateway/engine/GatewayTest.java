package dev.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.Message;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.event.Caller;
import dev.sluice.api.event.CallRecord;
import dev.sluice.api.event.GatewayListener;
import dev.sluice.api.event.RequestIds;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.Timeouts;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewayTest {

    private final ScriptedProvider provider = new ScriptedProvider();
    private final RecordingListener recorder = new RecordingListener();
    private final Watchdog watchdog = new Watchdog();

    @AfterEach
    void stop() {
        watchdog.close();
    }

    private Gateway gateway(Timeouts timeouts, GatewayListener... extra) {
        Deployment d = new Deployment("public-name", "p1", "upstream-id", JsonNodeFactory.instance.objectNode(),
                timeouts);
        List<GatewayListener> listeners = new ArrayList<>(List.of(extra));
        listeners.add(recorder);
        return new Gateway(new ModelRegistry(List.of(new Target(d, provider, "scripted"))), List.of(),
                new Listeners(listeners), watchdog, null);
    }

    private static CallContext call(String traceparent) {
        return new CallContext(RequestIds.next(), "openai", "chat", Caller.MASTER, System.nanoTime(), traceparent,
                null, Map.of("team", "search"));
    }

    private static ChatRequest request(String model, boolean stream) {
        return ChatRequest.builder().model(model).messages(List.of(Message.user("hello"))).stream(stream).build();
    }

    @Test
    void aCallReachesTheProviderWithTheUpstreamModelAndIsRecordedOnce() {
        var response = gateway(Timeouts.DEFAULT).chat(call(null), request("public-name", false));
        assertThat(provider.lastModel).isEqualTo("upstream-id");
        assertThat(response.text()).isEqualTo("hi upstream-id");
        assertThat(recorder.log).containsExactly("start public-name", "attempt 1 public-name", "attempt-end 1 ok",
                "end 200");
        CallRecord r = recorder.calls.getFirst();
        assertThat(r.model()).isEqualTo("public-name");
        assertThat(r.upstreamModel()).isEqualTo("upstream-id");
        assertThat(r.providerType()).isEqualTo("scripted");
        assertThat(r.usage().inputTokens()).isEqualTo(3);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.tags()).containsEntry("team", "search");
        assertThat(r.latencyNanos()).isPositive();
        assertThat(r.gatewayNanos()).isBetween(0L, r.latencyNanos());
        assertThat(watchdog.pending()).as("timers are disarmed when the attempt ends").isZero();
    }

    @Test
    void anUnknownModelIsA404NamingItAndStillEndsTheCall() {
        assertThatThrownBy(() -> gateway(Timeouts.DEFAULT).chat(call(null), request("nope", false)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().status()).isEqualTo(404);
                    assertThat(e.error().message()).contains("'nope'");
                });
        assertThat(recorder.log).containsExactly("start nope", "end 404");
        assertThat(recorder.calls.getFirst().errorType()).isEqualTo(ErrorType.NOT_FOUND);
    }

    @Test
    void streamsReportFirstTokenUsageAndStopReason() {
        List<ChatEvent> events = new ArrayList<>();
        gateway(Timeouts.DEFAULT).stream(call(null), request("public-name", true), events::add);
        assertThat(events).hasSize(5);
        assertThat(recorder.log).containsExactly("start public-name", "attempt 1 public-name", "first-token",
                "attempt-end 1 ok", "end 200");
        CallRecord r = recorder.calls.getFirst();
        assertThat(r.ttftNanos()).isPositive().isLessThanOrEqualTo(r.latencyNanos());
        assertThat(r.usage().outputTokens()).isEqualTo(2);
        assertThat(r.responseId()).isEqualTo("r1");
        assertThat(r.stream()).isTrue();
    }

    @Test
    void providerErrorsKeepTheirStatusAndRetryAfter() {
        provider.mode = ScriptedProvider.Mode.FAIL;
        provider.failure = new GatewayException(new GatewayError(ErrorType.RATE_LIMITED, 429, "slow down", "p1",
                Duration.ofSeconds(7), null));
        assertThatThrownBy(() -> gateway(Timeouts.DEFAULT).chat(call(null), request("public-name", false)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().status()).isEqualTo(429);
                    assertThat(e.error().retryAfter()).isEqualTo(Duration.ofSeconds(7));
                });
        assertThat(recorder.attempts.getFirst().errorType()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(recorder.calls.getFirst().status()).isEqualTo(429);
    }

    @Test
    void aSilentUpstreamIsCancelledAtTheFirstTokenTimeout() throws InterruptedException {
        provider.mode = ScriptedProvider.Mode.HANG;
        Timeouts t = new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(20));
        assertThatThrownBy(() -> gateway(t).stream(call(null), request("public-name", true), e -> { }))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().type()).isEqualTo(ErrorType.TIMEOUT);
                    assertThat(e.error().status()).isEqualTo(504);
                    assertThat(e.error().message()).contains("first-token timeout");
                });
        assertThat(provider.cancelled.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(recorder.calls.getFirst().errorType()).isEqualTo(ErrorType.TIMEOUT);
    }

    @Test
    void theTotalTimeoutCutsAStreamThatStalledAfterItsFirstToken() {
        provider.mode = ScriptedProvider.Mode.HANG_AFTER_FIRST;
        Timeouts t = new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(300));
        List<ChatEvent> events = new ArrayList<>();
        assertThatThrownBy(() -> gateway(t).stream(call(null), request("public-name", true), events::add))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().message()).contains("total timeout"));
        assertThat(events).hasSize(2);
        CallRecord r = recorder.calls.getFirst();
        assertThat(r.status()).as("the caller already got 200 and the stream's head").isEqualTo(200);
        assertThat(r.errorType()).isEqualTo(ErrorType.TIMEOUT);
    }

    @Test
    void aCallerThatGoesAwayMidStreamCancelsTheUpstream() throws InterruptedException {
        provider.mode = ScriptedProvider.Mode.HANG_AFTER_FIRST;
        Gateway g = gateway(Timeouts.DEFAULT);
        int[] writes = {0};
        assertThatThrownBy(() -> g.stream(call(null), request("public-name", true), e -> {
            if (++writes[0] == 2) {
                throw new UncheckedIOException(new IOException("broken pipe"));
            }
        })).isNotNull();
        assertThat(recorder.calls.getFirst().status()).isEqualTo(200);
        assertThat(recorder.calls.getFirst().errorMessage()).contains("client closed");
    }

    @Test
    void theCallersTraceparentAndListenerHeadersAreForwardedUpstream() {
        String tp = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        gateway(Timeouts.DEFAULT).chat(call(tp), request("public-name", false));
        assertThat(provider.lastForwardHeaders).containsEntry("traceparent", tp).containsEntry("x-test-span", "span-1");
    }

    @Test
    void aListenerThatThrowsNeverFailsTheCall() {
        GatewayListener broken = new GatewayListener() {
            @Override
            public void onCallEnd(CallRecord call) {
                throw new IllegalStateException("boom");
            }
        };
        var response = gateway(Timeouts.DEFAULT, broken).chat(call(null), request("public-name", false));
        assertThat(response.text()).startsWith("hi");
        assertThat(recorder.calls).hasSize(1);
    }

    @Test
    void requestIdsAreUniqueAndTimeOrdered() {
        String a = RequestIds.next();
        String b = RequestIds.next();
        assertThat(a).hasSize(36).startsWith("req_").isNotEqualTo(b);
        assertThat(a.substring(4, 16).compareTo(b.substring(4, 16))).isLessThanOrEqualTo(0);
    }

    @Test
    void aRequestIdCarriesTheMillisecondItsCallStarted() {
        long millis = 1_795_000_000_123L;
        assertThat(RequestIds.startMillis(RequestIds.next(millis))).hasValue(millis);
        assertThat(RequestIds.startMillis(RequestIds.next())).isPresent();
        assertThat(RequestIds.startMillis("req-" + java.util.UUID.randomUUID())).isEmpty();
        assertThat(RequestIds.startMillis("req_0123456789ABCDEF0123456789abcdef")).isEmpty();
        assertThat(RequestIds.startMillis("req_0123456789abcdef0123456789abcdeg")).isEmpty();
        assertThat(RequestIds.startMillis(null)).isEmpty();
    }
}
