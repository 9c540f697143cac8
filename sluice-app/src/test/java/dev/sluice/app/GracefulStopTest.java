package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
                running.add(clients.submit(() -> LedgerLoad.load(sluice.baseUrl(), false, acked, stop)));
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
            long[] counts = LedgerLoad.inLedger(schema, acked);
            assertThat(counts[0]).as("answered calls in the ledger right after the stop (log:\n" + sluice.output()
                    + ")").isEqualTo(acked.size());
            assertThat(counts[1]).isEqualTo(acked.size());
            assertThat(CallLogFiles.in(dir.resolve("data/journal"))).as("the call log was emptied").isZero();
        } finally {
            clients.shutdownNow();
            try (Connection c = DriverManager.getConnection(LedgerLoad.PG); Statement s = c.createStatement()) {
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
}
