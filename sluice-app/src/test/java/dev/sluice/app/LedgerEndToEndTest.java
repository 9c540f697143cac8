package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import dev.sluice.store.Storage;
import dev.sluice.store.StorageConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every call a client saw succeed is in the ledger exactly once: after the database connections are killed mid-load
 * (cluster mode, the PostgreSQL on 127.0.0.1:5432), and after a graceful stop under load (embedded mode).
 */
class LedgerEndToEndTest {

    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    private static final String MODELS = """
            providers: [{id: sim, type: simulator}]
            models: [{name: sim-echo, provider: sim, options: {reply: echo}}]
            """;

    /** Sends chat calls from {@code threads} threads until {@code stop}; returns the ids of the 200 answers. */
    private static Set<String> load(String baseUrl, int threads, AtomicBoolean stop, ExecutorService pool) {
        Set<String> ok = ConcurrentHashMap.newKeySet();
        for (int t = 0; t < threads; t++) {
            int n = t;
            pool.submit(() -> {
                int i = 0;
                while (!stop.get()) {
                    boolean stream = (i++ % 3) == 0;
                    String body = "{\"model\":\"sim-echo\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\","
                            + "\"content\":\"call " + n + "-" + i + "\"}]}";
                    try {
                        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                                        URI.create(baseUrl + "/v1/chat/completions"))
                                .header("authorization", "Bearer " + RunningSluice.KEY)
                                .header("content-type", "application/json").timeout(Duration.ofSeconds(20))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200 && (!stream || r.body().contains("[DONE]"))) {
                            ok.add(r.headers().firstValue("x-request-id").orElseThrow());
                        }
                    } catch (Exception e) {
                        // the server is stopping: this call was not seen to succeed
                    }
                }
            });
        }
        return ok;
    }

    private static long countRows(Connection c, String table, Set<String> ids) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("select count(*), count(distinct request_id) from " + table
                + " where request_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("no duplicates").isEqualTo(rs.getLong(2));
                return rs.getLong(1);
            }
        }
    }

    @Test
    void callsSurviveKilledDatabaseConnectionsMidLoad() throws Exception {
        String schema = "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        // this Sluice's connections carry a name of their own, so that killing them spares every other test's
        String app = "sluice-" + schema;
        String yaml = "storage: {url: 'postgresql://postgres@127.0.0.1:5432/test?ApplicationName=" + app
                + "', schema: " + schema + "}\n" + MODELS;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Connection admin = DriverManager.getConnection(PG)) {
            Set<String> ok;
            try (RunningSluice sluice = new RunningSluice(yaml, dir)) {
                AtomicBoolean stop = new AtomicBoolean();
                long killed = 0;
                ok = load(sluice.baseUrl(), 8, stop, pool);
                for (int round = 0; round < 4; round++) {
                    Thread.sleep(400);
                    try (PreparedStatement s = admin.prepareStatement("select count(pg_terminate_backend(pid))"
                            + " from pg_stat_activity where application_name = ?")) {
                        s.setString(1, app);
                        try (ResultSet rs = s.executeQuery()) {
                            rs.next();
                            killed += rs.getLong(1);
                        }
                    }
                }
                assertThat(killed).as("Sluice's own connections were killed").isPositive();
                Thread.sleep(400);
                stop.set(true);
                pool.shutdown();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (sluice.wiring().ledgerBacklog() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(sluice.wiring().ledgerBacklog()).as("the journal was replayed after recovery").isZero();
            }
            assertThat(ok).hasSizeGreaterThan(50);
            assertThat(countRows(admin, schema + ".ledger", ok)).isEqualTo(ok.size());
        } finally {
            try (Connection c = DriverManager.getConnection(PG); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    @Test
    void aGracefulStopUnderLoadLosesNoCall() throws Exception {
        Path data = dir.resolve("data");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Set<String> ok;
        RunningSluice sluice = new RunningSluice(MODELS, dir);
        AtomicBoolean stop = new AtomicBoolean();
        ok = load(sluice.baseUrl(), 8, stop, pool);
        Set<String> answered = ok;
        dev.sluice.testkit.Eventually.await(java.time.Duration.ofSeconds(30), "calls answered under load",
                () -> answered.size() > 200);
        sluice.close();
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ok).hasSizeGreaterThan(50);
        try (Storage storage = Storage.open(StorageConfig.embedded(data));
             Connection c = storage.dataSource().getConnection()) {
            assertThat(countRows(c, "ledger", ok)).isEqualTo(ok.size());
        }
    }

    @Test
    void theAdminApiAndFeedbackSeeTheCall() throws Exception {
        try (RunningSluice sluice = new RunningSluice(MODELS, dir)) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl()
                            + "/v1/chat/completions")).header("authorization", "Bearer " + RunningSluice.KEY)
                    .header("x-sluice-tags", "team=search, feature=autocomplete")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"sim-echo\",\"user\":\"u-42\","
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"hello ledger\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String id = r.headers().firstValue("x-request-id").orElseThrow();
            JsonNode row = null;
            for (int i = 0; i < 100 && row == null; i++) {
                HttpResponse<String> g = get(sluice, "/admin/requests/" + id);
                if (g.statusCode() == 200) {
                    row = Json.parse(g.body());
                } else {
                    Thread.sleep(100);
                }
            }
            assertThat(row).as("the call reached the ledger").isNotNull();
            assertThat(row.toString()).contains("sim-echo").contains("u-42").contains("autocomplete");
            HttpResponse<String> fb = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/v1/feedback"))
                    .header("authorization", "Bearer " + RunningSluice.KEY)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"request_id\":\"" + id + "\",\"score\":1,"
                            + "\"comment\":\"good\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fb.statusCode()).as(fb.body()).isEqualTo(200);
            HttpResponse<String> usage = get(sluice, "/admin/usage?group_by=model");
            assertThat(usage.statusCode()).as(usage.body()).isEqualTo(200);
            assertThat(usage.body()).contains("sim-echo");
            HttpResponse<String> audit = get(sluice, "/admin/audit/verify");
            assertThat(Json.parse(audit.body()).path("intact").asBoolean()).isTrue();
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).contains("gen_ai_client_token_usage").contains("sluice_ledger_queue_depth");
            HttpResponse<String> noKey = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl()
                    + "/admin/usage")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(noKey.statusCode()).isEqualTo(401);
        }
    }

    private static HttpResponse<String> get(RunningSluice sluice, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + path))
                .header("authorization", "Bearer " + RunningSluice.KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCallerThatLeavesMidStreamIsRecordedAsClientClosedWithWhatItWasSent() throws Exception {
        try (RunningSluice sluice = new RunningSluice("""
                providers: [{id: sim, type: simulator}]
                models: [{name: slow, provider: sim,
                          options: {reply: lorem, ttft_ms: 0, tokens_per_second: 40, output_tokens: 400}}]
                """, dir)) {
            String body = "{\"model\":\"slow\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}";
            String id;
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", sluice.port())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer "
                        + RunningSluice.KEY + "\r\ncontent-type: application/json\r\ncontent-length: "
                        + body.length() + "\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                        s.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
                String line;
                String found = null;
                int events = 0;
                while (events < 4 && (line = in.readLine()) != null) {
                    if (line.toLowerCase(java.util.Locale.ROOT).startsWith("x-request-id:")) {
                        found = line.substring(13).trim();
                    }
                    if (line.startsWith("data: ")) {
                        events++;
                    }
                }
                id = found;
            } // the caller leaves with most of the answer still to come
            assertThat(id).isNotNull();
            JsonNode row = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (row == null && System.nanoTime() < deadline) {
                HttpResponse<String> g = get(sluice, "/admin/requests/" + id);
                if (g.statusCode() == 200) {
                    row = Json.parse(g.body());
                } else {
                    Thread.onSpinWait();
                }
            }
            assertThat(row).as("the call reached the ledger").isNotNull();
            assertThat(row.path("status").asInt()).isEqualTo(499);
            assertThat(row.path("error_type").asText()).isEqualTo("client_closed");
            assertThat(row.path("output_tokens").asLong()).as("the output it was sent").isBetween(1L, 399L);
        }
    }
}
