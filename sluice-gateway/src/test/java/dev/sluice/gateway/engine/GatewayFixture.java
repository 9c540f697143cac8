package dev.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.Message;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.event.Caller;
import dev.sluice.api.event.GatewayListener;
import dev.sluice.api.event.RequestIds;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.Provider;
import dev.sluice.spi.Timeouts;
import dev.sluice.testkit.TestLoops;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One engine under test, used as the HTTP edge uses it: a gateway over one deployment ({@value #MODEL} on provider
 * {@code p1}, upstream model {@code upstream-id}) served by a {@link ScriptedProvider} (or, for an HTTP provider, by
 * the same script behind the {@link ScriptedDriver}); every call is bound to one real event loop (wrapped in a
 * {@link TrackedLoop}) and started on it; a {@link RecordingListener} is the last listener. Configure, then call
 * {@link #gateway()} or the call methods, which build the gateway once. Every wait has a deadline.
 */
final class GatewayFixture implements AutoCloseable {

    static final String MODEL = "public-name";
    static final Duration DEADLINE = Duration.ofSeconds(5);

    final EventLoop eventLoop = TestLoops.loops().next();
    final TrackedLoop loop = new TrackedLoop(eventLoop);
    final Thread loopThread = await(eventLoop.submit(Thread::currentThread));
    final ScriptedProvider provider = new ScriptedProvider();
    final ScriptedDriver driver = new ScriptedDriver(provider);
    final RecordingListener recorder = new RecordingListener();
    /** The threads the gateway's answer futures completed on. */
    final List<Thread> answerThreads = new CopyOnWriteArrayList<>();
    final WorkerPool workers;
    private Timeouts timeouts = Timeouts.DEFAULT;
    private Provider serving = provider;
    private final List<Interceptor> interceptors = new ArrayList<>();
    private final List<GatewayListener> listeners = new ArrayList<>();
    private Interceptor cache;
    private Gateway gateway;

    GatewayFixture() {
        this(4);
    }

    GatewayFixture(int workerConcurrency) {
        this.workers = new WorkerPool(workerConcurrency);
    }

    GatewayFixture timeouts(Timeouts t) {
        this.timeouts = t;
        return this;
    }

    /** Serves the deployment with {@code p} (an HTTP provider is driven by {@link #driver}). */
    GatewayFixture servedBy(Provider p) {
        this.serving = p;
        return this;
    }

    /** Interceptors that run, in this order, before the model is resolved. */
    GatewayFixture interceptors(Interceptor... before) {
        interceptors.addAll(List.of(before));
        return this;
    }

    /** A response cache, in its place in the chain ({@link Interceptors#withCache}). */
    GatewayFixture cache(Interceptor c) {
        this.cache = c;
        return this;
    }

    /** Listeners told before the recorder. */
    GatewayFixture listeners(GatewayListener... before) {
        listeners.addAll(List.of(before));
        return this;
    }

    Gateway gateway() {
        if (gateway == null) {
            Deployment d = new Deployment(MODEL, "p1", "upstream-id", JsonNodeFactory.instance.objectNode(), timeouts);
            ModelRegistry models = new ModelRegistry(List.of(new Target(d, serving, "scripted")));
            List<Interceptor> chain = new ArrayList<>(interceptors);
            chain.addAll(cache == null ? Interceptors.build(models)
                    : Interceptors.withCache(Interceptors.build(models), cache));
            List<GatewayListener> all = new ArrayList<>(listeners);
            all.add(recorder);
            gateway = new Gateway(models, chain, new Listeners(all), driver, workers);
        }
        return gateway;
    }

    /** A new call bound to the fixture's loop, caller side unbounded. */
    CallContext call(String traceparent) {
        return new CallContext(RequestIds.next(), "openai", "chat", Caller.MASTER, System.nanoTime(), traceparent,
                null, Map.of("team", "search")).bind(loop, null);
    }

    static ChatRequest request(String model) {
        return ChatRequest.builder().model(model).messages(List.of(Message.user("hello"))).includeUsage(true).build();
    }

    CompletableFuture<ChatResponse> chat(CallContext call, ChatRequest request) {
        return started(() -> gateway().chat(call, request));
    }

    CompletableFuture<ChatResponse> chat(ChatRequest request) {
        return chat(call(null), request);
    }

    CompletableFuture<Void> stream(CallContext call, ChatRequest request, ChatEventSink sink) {
        return started(() -> gateway().stream(call, request.toBuilder().stream(true).build(), sink));
    }

    CompletableFuture<EmbeddingResponse> embed(CallContext call, EmbeddingRequest request) {
        return started(() -> gateway().embed(call, request));
    }

    /** Runs {@code action} on the loop; the future completes once it ran. */
    CompletableFuture<Void> onLoop(Runnable action) {
        return CompletableFuture.runAsync(action, eventLoop);
    }

    /** Starts a call on the loop, as the edge does, noting the thread its answer completes on. */
    private <T> CompletableFuture<T> started(Supplier<CompletableFuture<T>> start) {
        CompletableFuture<T> out = new CompletableFuture<>();
        eventLoop.execute(() -> {
            try {
                start.get().whenComplete((value, failure) -> {
                    answerThreads.add(Thread.currentThread());
                    if (failure == null) {
                        out.complete(value);
                    } else {
                        out.completeExceptionally(failure);
                    }
                });
            } catch (Throwable t) {
                out.completeExceptionally(new AssertionError("the gateway threw instead of failing its future", t));
            }
        });
        return out;
    }

    /** The value of {@code future}, within the deadline. */
    static <T> T await(java.util.concurrent.Future<T> future) {
        try {
            return future.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected a value, got a failure", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("nothing within " + DEADLINE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits for {@code latch} to open, within the deadline. */
    static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).as("latch open within " + DEADLINE)
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** What {@code future} failed with, unwrapped, within the deadline. */
    static Throwable failure(CompletableFuture<?> future) {
        try {
            Object value = future.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            return fail("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return Gateway.unwrap(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("nothing within " + DEADLINE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The caller's error {@code future} failed with, within the deadline. */
    static GatewayError error(CompletableFuture<?> future) {
        Throwable t = failure(future);
        assertThat(t).isInstanceOf(GatewayException.class);
        return ((GatewayException) t).error();
    }

    @Override
    public void close() {
        workers.close();
    }
}
