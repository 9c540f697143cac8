package dev.sluice.store.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.store.Calls;
import dev.sluice.testkit.Eventually;
import dev.sluice.store.Storage;
import dev.sluice.store.StorageConfig;
import dev.sluice.store.TestDatabases;
import dev.sluice.store.cost.PriceCatalog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database goes away while calls keep coming; once it is back, every call is in the ledger exactly once. */
class LedgerOutageTest {

    @TempDir
    Path tmp;

    @Test
    void everyCallMadeWhileTheEmbeddedDatabaseWasStoppedLandsOnceAfterItRestarts() throws Exception {
        Path pgDir = tmp.resolve("pg");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres pg = start(pgDir, port);
        String url = "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
        String key = "outage-" + UUID.randomUUID();
        AtomicInteger sent = new AtomicInteger();
        try (Storage storage = Storage.open(StorageConfig.cluster(url, tmp.resolve("data")))) {
            LedgerWriter writer = LedgerWriter.start(storage.dataSource(), storage.journalDir(),
                    PriceCatalog.builtIn(), LedgerSettings.DEFAULTS.withQueueCapacity(500), Clock.systemUTC());
            AtomicBoolean running = new AtomicBoolean(true);
            Thread load = Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    writer.onCallEnd(Calls.simple(key, Instant.now()));
                    sent.incrementAndGet();
                    Thread.onSpinWait();
                }
            });
            Eventually.await(Duration.ofSeconds(20), "rows written before the outage", () -> writer.rowsWritten() > 1000);
            pg.close();
            int sentAtStop = sent.get();
            Eventually.await(Duration.ofSeconds(30), "calls journaled during the outage",
                    () -> writer.rowsJournaled() > 2000 && sent.get() > sentAtStop + 2000);
            pg = start(pgDir, port);
            int sentAtRestart = sent.get();
            Eventually.await(Duration.ofSeconds(20), "calls made after the restart",
                    () -> sent.get() > sentAtRestart + 1000);
            running.set(false);
            load.join();
            Eventually.await(Duration.ofSeconds(60), "the journal replayed",
                    () -> writer.journalBytes() == 0 && writer.queueDepth() == 0);
            writer.close();
            assertThat(writer.rowsReplayed()).isGreaterThan(0);
            assertThat(LedgerWriterTest.countRows(storage, key)).isEqualTo(sent.get());
        } finally {
            pg.close();
        }
    }

    @Test
    void everyCallLandsOnceWhenTheClusterKillsTheWritersConnectionsMidLoad() throws Exception {
        String schema = "t_outage_" + UUID.randomUUID().toString().substring(0, 8);
        String app = "sluice-" + schema;
        String key = "kill-" + UUID.randomUUID();
        int calls = 20_000;
        StorageConfig config = StorageConfig.cluster(TestDatabases.CLUSTER_URL + "?ApplicationName=" + app,
                tmp.resolve("data")).withSchema(schema);
        try (Storage storage = Storage.open(config);
             Connection admin = DriverManager.getConnection(TestDatabases.CLUSTER_JDBC)) {
            LedgerWriter writer = LedgerWriter.start(storage.dataSource(), storage.journalDir(),
                    PriceCatalog.builtIn(), LedgerSettings.DEFAULTS.withQueueCapacity(1000), Clock.systemUTC());
            AtomicBoolean loading = new AtomicBoolean(true);
            Thread load = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < calls; i++) {
                    writer.onCallEnd(Calls.simple(key, Instant.now()));
                    if (i % 100 == 0) {
                        Thread.yield();
                    }
                }
                loading.set(false);
            });
            int kills = 0;
            try (PreparedStatement kill = admin.prepareStatement(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")) {
                kill.setString(1, app);
                while (loading.get() || kills < 5) {
                    kill.execute();
                    kills++;
                    Thread.sleep(20);
                }
            }
            load.join();
            Eventually.await(Duration.ofSeconds(60), "the journal replayed",
                    () -> writer.journalBytes() == 0 && writer.queueDepth() == 0);
            writer.close();
            assertThat(LedgerWriterTest.countRows(storage, key)).isEqualTo(calls);
        } finally {
            dropSchema(schema);
        }
    }

    private static EmbeddedPostgres start(Path dir, int port) throws java.io.IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
    }

    private static void dropSchema(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabases.CLUSTER_JDBC)) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
