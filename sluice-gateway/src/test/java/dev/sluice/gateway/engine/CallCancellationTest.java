package dev.sluice.gateway.engine;

import static dev.sluice.gateway.engine.GatewayFixture.MODEL;
import static dev.sluice.gateway.engine.GatewayFixture.await;
import static dev.sluice.gateway.engine.GatewayFixture.failure;
import static dev.sluice.gateway.engine.GatewayFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.event.CallRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A caller that goes away ({@link CallContext#cancel}, as the edge does when the connection closes): the attempt in
 * flight is cancelled, which aborts the upstream, and the call ends once, as a client disconnect (499).
 */
class CallCancellationTest {

    private final GatewayFixture fixture = new GatewayFixture();
    private final ScriptedProvider provider = fixture.provider;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aCallerThatGoesAwayDuringAnAttemptAbortsItAndIsRecordedOnceAsAClientDisconnect() {
        provider.mode = ScriptedProvider.Mode.HANG;
        CallContext call = fixture.call(null);
        CompletableFuture<ChatResponse> answer = fixture.chat(call, request(MODEL));
        await(provider.reached);
        await(fixture.onLoop(() -> {
            call.cancel("caller went away");
            call.cancel("caller went away again");
        }));

        assertThat(failure(answer)).isInstanceOf(ClientGoneException.class).hasMessage("caller went away");
        assertThat(provider.cancelled).as("the upstream was aborted, on the call's loop")
                .isCompletedWithValue(fixture.loopThread);
        assertThat(fixture.recorder.log).containsExactly("start public-name", "attempt 1 public-name",
                "attempt-end 1 CLIENT_CLOSED", "end 499");
        CallRecord r = fixture.recorder.calls.getFirst();
        assertThat(r.outcome().errorMessage()).isEqualTo("client closed the connection");
        assertThat(fixture.recorder.attempts.getFirst().status()).isEqualTo(499);
        assertThat(call.cancelReason()).isEqualTo("caller went away");
        assertThat(fixture.loop.armedTimers()).isZero();
        assertThat(fixture.gateway().inFlight()).isZero();
    }

    @Test
    void aCallerThatGoesAwayMidStreamIsAClientDisconnectNotAStartedStream() {
        provider.mode = ScriptedProvider.Mode.HANG_AFTER_FIRST;
        CallContext call = fixture.call(null);
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> firstToken = new CompletableFuture<>();
        CompletableFuture<Void> done = fixture.stream(call, request(MODEL), e -> {
            events.add(e);
            if (e instanceof ChatEvent.TextDelta) {
                firstToken.complete(null);
            }
        });
        await(firstToken);
        await(fixture.onLoop(() -> call.cancel("caller went away")));

        assertThat(failure(done)).isInstanceOf(ClientGoneException.class);
        assertThat(events).hasSize(2);
        assertThat(provider.cancelled).isDone();
        assertThat(fixture.recorder.log).containsExactly("start public-name", "attempt 1 public-name",
                "first-token", "attempt-end 1 CLIENT_CLOSED", "end 499");
        assertThat(fixture.loop.armedTimers()).isZero();
    }

    @Test
    void aCallerThatLeftBeforeTheAttemptCancelsItAsSoonAsItStarts() {
        provider.mode = ScriptedProvider.Mode.HANG;
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        fixture.interceptors(new Interceptor() {
            @Override
            public CompletionStage<ChatResult> chat(CallContext call, ChatInput request, Chain chain) {
                return call.offload(() -> {
                    working.countDown();
                    await(release);
                    return request;
                }).thenCompose(r -> chain.chat(call, r));
            }
        });
        CallContext call = fixture.call(null);
        CompletableFuture<ChatResponse> answer = fixture.chat(call, request(MODEL));
        await(working);
        await(fixture.onLoop(() -> call.cancel("caller went away")));
        release.countDown();

        assertThat(failure(answer)).isInstanceOf(ClientGoneException.class);
        assertThat(provider.cancelled).isCompletedWithValue(fixture.loopThread);
        assertThat(fixture.recorder.calls).singleElement().extracting(c -> c.outcome().status()).isEqualTo(499);
        assertThat(fixture.loop.armedTimers()).isZero();
    }

    @Test
    void anAnswerThatComesOnlyAfterTheCallerLeftIsStillAClientDisconnect() {
        provider.mode = ScriptedProvider.Mode.ANSWER_WHEN_CANCELLED;
        CallContext call = fixture.call(null);
        CompletableFuture<ChatResponse> answer = fixture.chat(call, request(MODEL));
        await(provider.reached);
        await(fixture.onLoop(() -> call.cancel("caller went away")));

        assertThat(failure(answer)).isInstanceOf(ClientGoneException.class);
        assertThat(fixture.recorder.log).containsExactly("start public-name", "attempt 1 public-name",
                "attempt-end 1 CLIENT_CLOSED", "end 499");
    }

    @Test
    void aCallerThatGoesAwayAfterItsAnswerChangesNothing() {
        CallContext call = fixture.call(null);
        await(fixture.chat(call, request(MODEL)));
        await(fixture.onLoop(() -> call.cancel("caller went away")));
        assertThat(provider.cancelled).isNotDone();
        assertThat(fixture.recorder.log).containsExactly("start public-name", "attempt 1 public-name",
                "attempt-end 1 ok", "end 200");
    }
}
