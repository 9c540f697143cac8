package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to {@code sluice serve} mid-load: its one shutdown hook stops in order (the server drains, then the ledger,
 * then the database), so every call a client saw succeed is in the ledger when the process has exited, with no
 * restart and no call-log replay needed.
 */
class GracefulStopTest {

    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    @TempDir
    Path dir;

    @Test
    void everyAnsweredCallIsInTheLedgerWhenAGracefulStopEnds() throws Exception {
        String schema = "term_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String yaml = "server: {port: 0, host: 127.0.0.1, master_key: " + RunningSluice.KEY + "}\n"
                + "storage: {url: 'postgresql://postgres@127.0.0.1:5432/test', schema: " + schema + "}\n"
                + "ledger: {flush_interval_ms: 500}\n"
                + "providers: [{id: sim, type: simulator}]\n"
                + "models: [{name: sim-echo, provider: sim, options: {reply: echo}}]\n";
        Set<String> acked = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            ChildSluice sluice = ChildSluice.start(dir, yaml, "", true);
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                running.add(clients.submit(() -> load(sluice.baseUrl(), acked, stop)));
            }
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            dev.sluice.testkit.Eventually.await(Duration.ofSeconds(120), "load for a while, 300 calls answered",
                    () -> System.nanoTime() >= until && acked.size() >= 300);
            sluice.terminate();
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }
            assertThat(sluice.output()).contains("sluice: stopping");
            long[] counts = inLedger(schema, acked);
            assertThat(counts[0]).as("answered calls in the ledger right after the stop (log:\n" + sluice.output()
                    + ")").isEqualTo(acked.size());
            assertThat(counts[1]).isEqualTo(acked.size());
            assertThat(CallLogFiles.in(dir.resolve("data/journal"))).as("the call log was emptied").isZero();
        } finally {
            clients.shutdownNow();
            try (Connection c = DriverManager.getConnection(PG); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    /** Counts call-log segment files left in a folder. */
    static final class CallLogFiles {
        static long in(Path journal) throws Exception {
            if (!java.nio.file.Files.isDirectory(journal)) {
                return 0;
            }
            try (var files = java.nio.file.Files.list(journal)) {
                return files.filter(f -> f.getFileName().toString().startsWith("calls-")).count();
            }
        }
    }

    private static Void load(String base, Set<String> acked, AtomicBoolean stop) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}")).build();
        while (!stop.get()) {
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    acked.add(r.headers().firstValue("x-request-id").orElseThrow());
                }
            } catch (Exception gone) {
                if (stop.get()) {
                    return null;
                }
            }
        }
        return null;
    }

    private static long[] inLedger(String schema, Set<String> ids) throws Exception {
        try (Connection c = DriverManager.getConnection(PG);
             PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT request_id), count(*) FROM " + schema
                     + ".ledger WHERE request_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }
}
