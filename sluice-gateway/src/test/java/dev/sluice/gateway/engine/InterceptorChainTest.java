package dev.sluice.gateway.engine;

import static dev.sluice.gateway.engine.GatewayFixture.MODEL;
import static dev.sluice.gateway.engine.GatewayFixture.await;
import static dev.sluice.gateway.engine.GatewayFixture.error;
import static dev.sluice.gateway.engine.GatewayFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Interceptors run in their order on the call's loop, fail by stage or by throwing alike, and offload blocking work. */
class InterceptorChainTest {

    private final GatewayFixture fixture = new GatewayFixture();
    private final List<String> trace = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        fixture.close();
    }

    /** Notes the call going in and its outcome coming out, as a failed stage or a value. */
    private Interceptor traced(String name) {
        return new Interceptor() {
            @Override
            public CompletionStage<ChatResult> chat(CallContext call, ChatInput request, Chain chain) {
                trace.add(name + " in");
                return chain.chat(call, request).whenComplete((r, e) -> trace.add(name + " out "
                        + (e == null ? "ok" : Gateway.unwrap(e).getMessage())));
            }

            @Override
            public CompletionStage<Void> stream(CallContext call, ChatInput request, ChatEventSink sink,
                                                Chain chain) {
                trace.add(name + " in");
                return chain.stream(call, request, sink).whenComplete((r, e) -> trace.add(name + " out "
                        + (e == null ? "ok" : Gateway.unwrap(e).getMessage())));
            }
        };
    }

    /** Throws {@code failure} instead of returning a stage. */
    private static Interceptor throwing(RuntimeException failure) {
        return new Interceptor() {
            @Override
            public CompletionStage<ChatResult> chat(CallContext call, ChatInput request, Chain chain) {
                throw failure;
            }

            @Override
            public CompletionStage<Void> stream(CallContext call, ChatInput request, ChatEventSink sink,
                                                Chain chain) {
                throw failure;
            }
        };
    }

    @Test
    void interceptorsRunInTheirListedOrderAroundTheProvider() {
        fixture.interceptors(traced("a"), traced("b"));
        await(fixture.chat(request(MODEL)));
        assertThat(trace).containsExactly("a in", "b in", "b out ok", "a out ok");
        assertThat(fixture.provider.lastRequest.model()).isEqualTo("upstream-id");
    }

    @Test
    void anInterceptorThatThrowsIsSeenByTheOnesBeforeItAsAFailedStage() {
        GatewayError limited = new GatewayError(ErrorType.RATE_LIMITED, 429, "key over its limit", null, null, null);
        fixture.interceptors(traced("a"), throwing(limited.toException()));
        GatewayError e = error(fixture.chat(request(MODEL)));
        assertThat(e).isEqualTo(limited);
        assertThat(trace).containsExactly("a in", "a out key over its limit");
        assertThat(fixture.recorder.log).containsExactly("start public-name", "end 429");
        assertThat(fixture.provider.reached).isNotDone();
        assertThat(fixture.gateway().inFlight()).isZero();
    }

    @Test
    void anInterceptorThatThrowsSomethingUnexpectedIsAnInternalErrorOnce() {
        fixture.interceptors(traced("a"), throwing(new IllegalStateException("bug")));
        GatewayError e = error(fixture.stream(fixture.call(null), request(MODEL), event -> { }));
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.message()).doesNotContain("bug");
        assertThat(trace).containsExactly("a in", "a out bug");
        assertThat(fixture.recorder.log).containsExactly("start public-name", "end 500");
    }

    @Test
    void anInterceptorThatThrowsAnErrorStillEndsTheCallOnce() {
        Interceptor broken = new Interceptor() {
            @Override
            public CompletionStage<ChatResult> chat(CallContext call, ChatInput request, Chain chain) {
                throw new NoClassDefFoundError("com/example/GuardrailModel");
            }
        };
        fixture.interceptors(traced("a"), broken);
        GatewayError e = error(fixture.chat(request(MODEL)));
        assertThat(e.status()).isEqualTo(500);
        assertThat(trace).containsExactly("a in", "a out com/example/GuardrailModel");
        assertThat(fixture.recorder.log).containsExactly("start public-name", "end 500");
        assertThat(fixture.gateway().inFlight()).isZero();
    }

    @Test
    void offloadedWorkRunsOnAVirtualThreadOffTheLoopAndTheCallResumesOnTheLoop() {
        CompletableFuture<Thread> worker = new CompletableFuture<>();
        CompletableFuture<Thread> resumed = new CompletableFuture<>();
        fixture.interceptors(new Interceptor() {
            @Override
            public CompletionStage<ChatResult> chat(CallContext call, ChatInput request, Chain chain) {
                CountDownLatch continued = new CountDownLatch(1); // the work ends only once the loop continues it
                var next = call.offload(() -> {
                    await(continued);
                    return worker.complete(Thread.currentThread());
                }).thenCompose(ignored -> {
                    resumed.complete(Thread.currentThread());
                    return chain.chat(call, request);
                });
                continued.countDown();
                return next;
            }
        });
        assertThat(await(fixture.chat(request(MODEL))).text()).isEqualTo("hi upstream-id");
        assertThat(await(worker)).isNotEqualTo(fixture.loopThread).matches(Thread::isVirtual, "is virtual");
        assertThat(resumed).isCompletedWithValue(fixture.loopThread);
        assertThat(fixture.recorder.threads()).containsExactly(fixture.loopThread);
        assertThat(fixture.answerThreads).containsExactly(fixture.loopThread);
    }

    @Test
    void offloadedWorkThatFailsFailsTheCallWithItsError() {
        fixture.interceptors(new Interceptor() {
            @Override
            public CompletionStage<ChatResult> chat(CallContext call, ChatInput request, Chain chain) {
                CountDownLatch continued = new CountDownLatch(1);
                var next = call.offload(() -> {
                    await(continued);
                    throw new GatewayException(GatewayError.of(ErrorType.PERMISSION_DENIED, "budget exhausted"));
                }).thenCompose(ignored -> chain.chat(call, request));
                continued.countDown();
                return next;
            }
        });
        GatewayError e = error(fixture.chat(request(MODEL)));
        assertThat(e.status()).isEqualTo(403);
        assertThat(fixture.recorder.log).containsExactly("start public-name", "end 403");
        assertThat(fixture.answerThreads).containsExactly(fixture.loopThread);
    }
}
