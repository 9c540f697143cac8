package dev.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.access.CallCosts;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.event.CallRecord;
import dev.sluice.api.event.Caller;
import dev.sluice.api.event.GatewayListener;
import dev.sluice.api.event.RequestIds;
import dev.sluice.gateway.config.ConfigLoader;
import dev.sluice.gateway.config.SluiceConfig;
import dev.sluice.gateway.routing.CircuitBreaker;
import dev.sluice.testkit.TestLoops;
import io.netty.channel.EventLoop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fault drill on the real simulator: a route of three deployments, one failing half its calls with 500, one
 * throttling with 429 and timing out, one healthy; 2,000 calls, 100 at a time, see no failure, and the faulty
 * deployments' breakers open.
 */
class SimulatorRouteDrillTest {

    @TempDir
    Path dir;

    @Test
    void aRouteOfThreeFaultySimulatorsAnswersEveryOneOf2000CallsWhileOneIsHealthy() throws Exception {
        Path file = dir.resolve("sluice.yaml");
        Files.writeString(file, """
                providers: [{id: sim, type: simulator, reply: fixed, text: ok}]
                models:
                  - {name: flaky, provider: sim, options: {error_rate: 0.5, error_status: 500, seed: 1}}
                  - name: throttled
                    provider: sim
                    options: {error_rate: 0.4, error_status: 429, retry_after_s: 0.05, timeout_rate: 0.2, seed: 2}
                    timeouts: {total_ms: 50}
                  - {name: healthy, provider: sim}
                routes:
                  - name: chat
                    strategy: weighted
                    deployments: [{model: flaky, weight: 4}, {model: throttled, weight: 4}, {model: healthy}]
                    retries: {max: 2, base_ms: 5, max_backoff_ms: 20}
                    timeout_ms: 10000
                """);
        SluiceConfig config = new ConfigLoader(Map.of()).load(file);
        EventLoop loop = TestLoops.loops().next();
        Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        GatewayListener ledger = new GatewayListener() {
            @Override
            public void onCallEnd(CallRecord c) {
                if (c.outcome().status() != 200) {
                    failed.incrementAndGet();
                    return;
                }
                served.computeIfAbsent(c.routing().deployment(), k -> new AtomicInteger()).incrementAndGet();
            }
        };
        try (ProviderRegistry providers = ProviderRegistry.build(config, new DefaultProviderContext(Map.of(), dir));
             WorkerPool workers = new WorkerPool(1)) {
            ModelRegistry models = providers.models();
            Routing routing = Routing.of(models, CallCosts.NONE, new RoutingSettings(System::nanoTime,
                    new Random(7)));
            Gateway gateway = new Gateway(models, Interceptors.build(models, routing),
                    new Listeners(List.of(ledger)), null, workers);
            int clientFailures = 0;
            for (int round = 0; round < 20; round++) {
                List<CompletableFuture<ChatResponse>> calls = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    CompletableFuture<ChatResponse> answer = new CompletableFuture<>();
                    loop.execute(() -> {
                        CallContext call = new CallContext(RequestIds.next(), "openai", "chat", Caller.MASTER,
                                System.nanoTime(), null, null, Map.of()).bind(loop, null);
                        gateway.chat(call, GatewayFixture.request("chat")).whenComplete((r, e) -> {
                            if (e == null) {
                                answer.complete(r);
                            } else {
                                answer.completeExceptionally(e);
                            }
                        });
                    });
                    calls.add(answer);
                }
                for (CompletableFuture<ChatResponse> c : calls) {
                    try {
                        assertThat(c.get(30, TimeUnit.SECONDS).text()).isEqualTo("ok");
                    } catch (java.util.concurrent.ExecutionException e) {
                        clientFailures++;
                    }
                }
            }
            assertThat(clientFailures).isZero();
            assertThat(failed.get()).as("failed ledger rows").isZero();
            assertThat(served.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(2000);
            assertThat(served.get("healthy").get()).isGreaterThan(0);
            assertThat(routing.breakers().get("flaky").timesOpened()).isPositive();
            assertThat(routing.breakers().get("throttled").timesOpened()).isPositive();
            assertThat(routing.breakers().get("healthy").state()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }
}
