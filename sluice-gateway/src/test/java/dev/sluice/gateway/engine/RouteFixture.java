package dev.sluice.gateway.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.event.AttemptRecord;
import dev.sluice.api.event.CallRecord;
import dev.sluice.api.event.Caller;
import dev.sluice.api.event.GatewayListener;
import dev.sluice.api.event.RequestIds;
import dev.sluice.gateway.config.ModelConfig;
import dev.sluice.gateway.config.RouteConfig;
import dev.sluice.gateway.routing.RetryPolicy;
import dev.sluice.gateway.routing.RouteStrategies;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.Timeouts;
import dev.sluice.testkit.TestLoops;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A gateway over routes of {@link FakeUpstream} deployments, with a clock the test moves ({@link #clock}) and seeded
 * randomness, every call started on one real event loop as the HTTP edge does. Declare deployments and routes, then
 * call; the gateway is built at the first call. Counts which deployment served each call (from the call records, as
 * the ledger sees them) without keeping a log.
 */
final class RouteFixture implements AutoCloseable {

    final EventLoop loop = TestLoops.loops().next();
    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final Map<String, FakeUpstream> upstreams = new LinkedHashMap<>();
    final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<CallRecord> failedCalls = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<AttemptRecord> attempts = new ConcurrentLinkedQueue<>();
    final WorkerPool workers = new WorkerPool(1);
    /** The record of the call that ended last. */
    volatile CallRecord lastCall;
    private final List<RouteConfig> routes = new ArrayList<>();
    private final Map<String, ModelConfig.Breaker> breakers = new LinkedHashMap<>();
    private final Map<String, Timeouts> timeouts = new LinkedHashMap<>();
    private final Map<String, dev.sluice.api.access.Limits> limits = new LinkedHashMap<>();
    private final Map<String, Long> contextWindows = new LinkedHashMap<>();
    private final Map<String, double[]> prices = new LinkedHashMap<>();
    private long seed = 42;
    private Gateway gateway;
    private Routing routing;

    FakeUpstream deployment(String name) {
        return upstreams.computeIfAbsent(name, n -> new FakeUpstream(n, clock));
    }

    RouteFixture timeouts(String deployment, Timeouts t) {
        timeouts.put(deployment, t);
        return this;
    }

    RouteFixture breaker(String deployment, ModelConfig.Breaker b) {
        breakers.put(deployment, b);
        return this;
    }

    /** A route over {@code members} (name:weight, or name for weight 1), with retries and optional fallbacks. */
    RouteFixture route(String name, String strategy, RetryPolicy retry, List<String> fallbacks, String... members) {
        List<RouteConfig.Member> m = new ArrayList<>();
        for (String member : members) {
            String[] parts = member.split(":");
            deployment(parts[0]);
            m.add(new RouteConfig.Member(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 1));
        }
        routes.add(new RouteConfig(name, RouteStrategies.find(strategy), m, fallbacks, retry, "test: " + name));
        return this;
    }

    /** A route as configured, its deployments declared as fake upstreams. */
    RouteFixture route(RouteConfig route) {
        route.members().forEach(m -> deployment(m.model()));
        routes.add(route);
        return this;
    }

    /** Gives route {@code name} (declared before) session affinity. */
    RouteFixture affinity(String name, dev.sluice.gateway.routing.SessionAffinity affinity) {
        routes.replaceAll(r -> r.name().equals(name) ? new RouteConfig(r.name(), r.strategy(), r.members(),
                r.fallbacks(), r.retry(), r.configPath(), r.contextWindowFallbacks(), r.contentPolicyFallbacks(),
                affinity) : r);
        return this;
    }

    /** Gives {@code deployment} its own rate limits (as the routing sees them; they are not enforced here). */
    RouteFixture limits(String deployment, long rpm, long tpm) {
        limits.put(deployment, new dev.sluice.api.access.Limits("deployment:" + deployment, rpm, tpm, 0));
        return this;
    }

    /** Gives {@code deployment} a context window of {@code tokens}. */
    RouteFixture contextWindow(String deployment, long tokens) {
        contextWindows.put(deployment, tokens);
        return this;
    }

    /** Prices {@code deployment} at these micro-dollars per input and per output token. */
    RouteFixture price(String deployment, double input, double output) {
        prices.put(deployment, new double[] {input, output});
        return this;
    }

    RouteFixture seed(long s) {
        this.seed = s;
        return this;
    }

    Routing routing() {
        gateway();
        return routing;
    }

    Gateway gateway() {
        if (gateway == null) {
            List<Target> targets = new ArrayList<>();
            upstreams.forEach((name, upstream) -> targets.add(new Target(new Deployment(name, "p-" + name,
                    "up-" + name, JsonNodeFactory.instance.objectNode(), timeouts.getOrDefault(name,
                    Timeouts.DEFAULT)), upstream, "fake")));
            ModelRegistry models = new ModelRegistry(targets, routes, breakers);
            List<ModelConfig> configs = new ArrayList<>();
            targets.forEach(t -> configs.add(new ModelConfig(t.deployment(), null, limits.get(t.deployment().name()),
                    null, "test", null, contextWindows.getOrDefault(t.deployment().name(), 0L))));
            dev.sluice.api.access.CallCosts costs = (model, usage) -> {
                double[] p = prices.get(model);
                return p == null ? 0 : (long) Math.ceil(usage.inputTokens() * p[0] + usage.outputTokens() * p[1]);
            };
            routing = Routing.of(models, costs, new RoutingSettings(clock::get, new Random(seed)), configs);
            GatewayListener counting = new GatewayListener() {
                @Override
                public void onAttemptEnd(AttemptRecord a) {
                    attempts.add(a);
                }

                @Override
                public void onCallEnd(CallRecord c) {
                    lastCall = c;
                    if (c.outcome().status() == 200) {
                        served.computeIfAbsent(c.routing().deployment(), k -> new AtomicInteger()).incrementAndGet();
                    } else {
                        failedCalls.add(c);
                    }
                }
            };
            gateway = new Gateway(models, Interceptors.build(models, routing), new Listeners(List.of(counting)),
                    null, workers);
        }
        return gateway;
    }

    CallContext call() {
        return new CallContext(RequestIds.next(), "openai", "chat", Caller.MASTER, System.nanoTime(), null, null,
                Map.of()).bind(loop, null);
    }

    static ChatRequest request(String model) {
        return GatewayFixture.request(model);
    }

    CompletableFuture<ChatResponse> chat(CallContext call, String model) {
        return started(() -> gateway().chat(call, request(model)));
    }

    CompletableFuture<ChatResponse> chat(CallContext call, ChatRequest request) {
        return started(() -> gateway().chat(call, request));
    }

    CompletableFuture<Void> stream(CallContext call, String model, ChatEventSink sink) {
        return started(() -> gateway().stream(call, request(model).toBuilder().stream(true).build(), sink));
    }

    /** {@code n} calls at once, then waits for them all; returns how many failed. */
    int burst(String model, int n) {
        List<CompletableFuture<ChatResponse>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(chat(call(), model));
        }
        int failed = 0;
        for (CompletableFuture<ChatResponse> f : all) {
            try {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                failed++;
            }
        }
        return failed;
    }

    int served(String deployment) {
        AtomicInteger n = served.get(deployment);
        return n == null ? 0 : n.get();
    }

    void resetCounts() {
        served.clear();
    }

    private <T> CompletableFuture<T> started(Supplier<CompletableFuture<T>> start) {
        CompletableFuture<T> out = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                start.get().whenComplete((v, e) -> {
                    if (e == null) {
                        out.complete(v);
                    } else {
                        out.completeExceptionally(Gateway.unwrap(e));
                    }
                });
            } catch (Throwable t) {
                out.completeExceptionally(t);
            }
        });
        return out;
    }

    @Override
    public void close() {
        workers.close();
    }
}
