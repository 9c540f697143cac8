package dev.sluice.app;

import static dev.sluice.app.PricedKeyCalls.chat;
import static dev.sluice.app.PricedKeyCalls.spent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode: two Sluice nodes in this JVM sharing the real PostgreSQL (127.0.0.1:5432) and a real Redis hold one
 * budget and one rate limit as one node does; with Redis gone each enforces its share and says so, and both recover
 * when it is back.
 */
class ClusterEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MODELS = PricedKeyCalls.MODELS;

    @TempDir
    Path dir;

    /** Two nodes' config: their own schema of the shared database, their own keys in the given Redis. */
    private static String cluster(int redisPort) {
        String unique = Long.toHexString(System.nanoTime());
        return "storage: {url: 'postgresql://postgres@127.0.0.1:5432/test', schema: t_cluster_" + unique + "}\n"
                + "redis: {url: 'redis://127.0.0.1:" + redisPort + "', key_prefix: 'sluice-test-" + unique + ":'}\n"
                + MODELS;
    }

    @Test
    void fiveHundredConcurrentCallsOnTwoNodesNeverSpendPastOneBudget() throws Exception {
        String yaml = cluster(6379);
        try (RunningSluice a = new RunningSluice(yaml, dir.resolve("a"));
             RunningSluice b = new RunningSluice(yaml, dir.resolve("b"))) {
            // $2 affords about 100 calls at their real cost; alone, each node would let about 68 through (its worst
            // cases reserved), together about 136 calls and $2.7
            JsonNode key = admin(a, "POST", "/admin/keys",
                    "{\"name\":\"capped\",\"budget\":{\"limit_usd\":2,\"period\":\"day\"}}");
            String secret = key.path("key").asText();
            awaitKey(b, secret);
            List<HttpResponse<String>> answers = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    RunningSluice node = i % 2 == 0 ? a : b;
                    calls.add(pool.submit(() -> chat(node, secret)));
                }
                for (Future<HttpResponse<String>> f : calls) {
                    answers.add(f.get());
                }
            }
            long ok = answers.stream().filter(r -> r.statusCode() == 200).count();
            long refused = answers.stream().filter(r -> r.statusCode() == 429).count();
            assertThat(ok + refused).as("every call is answered or refused").isEqualTo(500);
            assertThat(ok).as("the budget affords some calls").isPositive();
            BigDecimal spent = spent(a, key.path("id").asText(), 500);
            assertThat(spent).as("what the shared ledger says both nodes spent").isPositive()
                    .isLessThanOrEqualTo(new BigDecimal("2"));
            assertThat(spent).as("the worst cases reserved, then spent at their real cost")
                    .isGreaterThan(BigDecimal.ONE);
        }
    }

    @Test
    void sixtyRequestsPerMinuteHoldAcrossTwoNodes() throws Exception {
        String yaml = cluster(6379);
        try (RunningSluice a = new RunningSluice(yaml, dir.resolve("a"));
             RunningSluice b = new RunningSluice(yaml, dir.resolve("b"))) {
            String secret = admin(a, "POST", "/admin/keys", "{\"name\":\"paced\",\"limits\":{\"rpm\":60}}")
                    .path("key").asText();
            awaitKey(b, secret);
            // 300 calls spread over 10 s, in turns on the two nodes
            long admitted = 0;
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    long due = start + i * 10_000_000_000L / 300;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    RunningSluice node = i % 2 == 0 ? a : b;
                    calls.add(pool.submit(() -> chat(node, secret)));
                }
                for (Future<HttpResponse<String>> f : calls) {
                    int status = f.get().statusCode();
                    assertThat(status).isIn(200, 429);
                    admitted += status == 200 ? 1 : 0;
                }
            }
            assertThat(admitted).as("calls admitted of 300 in 10 s at 60 per minute on two nodes")
                    .isBetween(57L, 63L);
        }
    }

    @Test
    void withRedisGoneEachNodeEnforcesItsShareAndBothRecover() throws Exception {
        try (dev.sluice.testkit.RedisServer redis = dev.sluice.testkit.RedisServer.start()) {
            withRedisGone(redis, cluster(redis.port()));
        }
    }

    private void withRedisGone(dev.sluice.testkit.RedisServer redis, String yaml) throws Exception {
        try (RunningSluice a = new RunningSluice(yaml, dir.resolve("a"));
             RunningSluice b = new RunningSluice(yaml, dir.resolve("b"))) {
            awaitHealth(a, "\"nodes\":2"); // node A counts B from its next heartbeat on
            assertThat(health(a)).isEqualTo("{\"status\":\"ok\",\"cluster\":{\"nodes\":2,\"redis\":\"up\"}}");
            String shared = admin(a, "POST", "/admin/keys", "{\"name\":\"busy\",\"limits\":{\"rpm\":100000}}")
                    .path("key").asText();
            String split = admin(a, "POST", "/admin/keys", "{\"name\":\"split\",\"limits\":{\"rpm\":40}}")
                    .path("key").asText();
            awaitKey(b, shared);
            awaitKey(b, split);

            // calls keep flowing on both nodes while Redis goes away and comes back: never a 5xx
            java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
            List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread load = Thread.ofVirtual().start(() -> {
                for (int i = 0; running.get(); i++) {
                    try {
                        statuses.add(chat(i % 2 == 0 ? a : b, shared).statusCode());
                    } catch (Exception e) {
                        statuses.add(-1);
                    }
                }
            });
            redis.kill();
            awaitHealth(a, "\"redis\":\"down\"");
            assertThat(health(a)).contains("\"nodes\":2").contains("each node enforces 1/2 of every limit");
            assertThat(metrics(a)).contains("sluice_cluster_redis_up 0.0").contains("sluice_cluster_nodes 2.0");
            // 40 per minute between two nodes: each lets through its 20
            assertThat(admittedOf(a, split, 30)).as("node A's share of 40 rpm").isEqualTo(20);
            assertThat(admittedOf(b, split, 30)).as("node B's share of 40 rpm").isEqualTo(20);

            redis.restart();
            awaitHealth(a, "\"redis\":\"up\"");
            awaitHealth(b, "\"redis\":\"up\"");
            running.set(false);
            load.join();
            assertThat(statuses).as("calls while Redis went and came back").isNotEmpty().containsOnly(200);

            // shared again: a new limit of 10 per minute holds for both nodes together
            String again = admin(a, "POST", "/admin/keys", "{\"name\":\"again\",\"limits\":{\"rpm\":10}}")
                    .path("key").asText();
            awaitKey(b, again);
            long admitted = 0;
            for (int i = 0; i < 20; i++) {
                admitted += chat(i % 2 == 0 ? a : b, again).statusCode() == 200 ? 1 : 0;
            }
            assertThat(admitted).as("10 per minute on two nodes, Redis back").isEqualTo(10);
            assertThat(metrics(b)).contains("sluice_cluster_redis_up 1.0");
        }
    }

    private static long admittedOf(RunningSluice node, String key, int calls) throws Exception {
        long admitted = 0;
        for (int i = 0; i < calls; i++) {
            HttpResponse<String> r = chat(node, key);
            assertThat(r.statusCode()).as(r.body()).isIn(200, 429);
            admitted += r.statusCode() == 200 ? 1 : 0;
        }
        return admitted;
    }

    /** Waits until {@code node} knows the key (asking for the model list, which counts against no limit). */
    private static void awaitKey(RunningSluice node, String secret) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/v1/models"))
                .header("authorization", "Bearer " + secret).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode() == 401) {
            assertThat(System.nanoTime()).as("the other node knows the key").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void awaitHealth(RunningSluice node, String part) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!health(node).contains(part)) {
            assertThat(System.nanoTime()).as("/health says " + part + ": " + health(node)).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static String health(RunningSluice s) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String metrics(RunningSluice s) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static JsonNode admin(RunningSluice s, String method, String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + path))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Json.parse(r.body());
    }
}
