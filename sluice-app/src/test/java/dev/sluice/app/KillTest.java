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
 * {@code kill -9} mid-load loses no call a client saw succeed: a Sluice in a child JVM takes calls from eight clients
 * (whole answers and streams), is killed, and is started again on the same data; every call whose answer a client
 * read whole is then in the ledger exactly once.
 *
 * <p>A longer run for the figures in docs/benchmarks.md: {@code mvn -o -q test -pl sluice-app -Dtest=KillTest
 * -Dkill.seconds=30 -Dkill.clients=32} (defaults 3 and 8); it prints what it counted.
 */
class KillTest {


    @TempDir
    Path dir;

    @Test
    void everyCallAClientSawSucceedIsInTheLedgerOnceAfterAKill() throws Exception {
        String schema = "kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String yaml = "server: {port: 0, host: 127.0.0.1, master_key: " + RunningSluice.KEY + "}\n"
                + "storage: {url: 'postgresql://postgres@127.0.0.1:5432/test', schema: " + schema + "}\n"
                + "ledger: {flush_interval_ms: 200}\n"
                + "providers: [{id: sim, type: simulator}]\n"
                + "models: [{name: sim-echo, provider: sim, options: {reply: echo}}]\n";
        Set<String> acked = ConcurrentHashMap.newKeySet();
        int seconds = Integer.getInteger("kill.seconds", 3);
        int clientCount = Integer.getInteger("kill.clients", 8);
        ExecutorService clients = Executors.newFixedThreadPool(clientCount);
        try {
            ChildSluice first = ChildSluice.start(dir, yaml, "");
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                boolean stream = c % 2 == 1;
                running.add(clients.submit(() -> LedgerLoad.load(first.baseUrl(), stream, acked, stop)));
            }
            long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            dev.sluice.testkit.Eventually.await(Duration.ofSeconds(120), "load for a while, 500 calls answered",
                    () -> System.nanoTime() >= until && acked.size() >= 500);
            first.kill();
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }
            assertThat(acked).as("calls answered before the kill").hasSizeGreaterThanOrEqualTo(500);
            long atKill = LedgerLoad.inLedger(schema, acked)[0];

            try (ChildSluice second = ChildSluice.start(dir, yaml, "")) {
                long found = 0;
                for (int i = 0; i < 300 && found < acked.size(); i++) {
                    found = LedgerLoad.inLedger(schema, acked)[0];
                    if (found < acked.size()) {
                        Thread.sleep(100);
                    }
                }
                long[] counts = LedgerLoad.inLedger(schema, acked);
                assertThat(counts[0]).as("acknowledged calls in the ledger (log of the restart:\n"
                        + second.output() + ")").isEqualTo(acked.size());
                assertThat(counts[1]).as("rows for them: no duplicates").isEqualTo(acked.size());
                String recovered = second.output().lines().filter(l -> l.contains("call log"))
                        .findFirst().orElse("(no call-log line in the restart's log)");
                System.out.printf("kill -9 after %d s with %d clients: %d calls answered, %d of them not in the "
                        + "ledger at the kill; after the restart %d in the ledger once, 0 missing, 0 twice; "
                        + "restart: %s%n", seconds, clientCount, acked.size(), acked.size() - atKill, counts[0],
                        recovered.strip());
            }
        } finally {
            clients.shutdownNow();
            try (Connection c = DriverManager.getConnection(LedgerLoad.PG); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
