package dev.sluice.store.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.store.Calls;
import dev.sluice.store.Storage;
import dev.sluice.store.StorageConfig;
import dev.sluice.store.cost.PriceCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process with an embedded database that exits while its ledger still has calls queued: the JVM's shutdown (not
 * the owner) closes the storage, and every call must reach the database itself, none the journal. The embedded
 * server used to be stopped by the library's own hook, at the same time as the ledger drained into it.
 */
class StopWhileWritingTest {

    static final int CALLS = 20_000;

    @TempDir
    Path tmp;

    /** The child process: queue {@link #CALLS} calls, then exit at once, leaving the rest to the shutdown hooks. */
    public static void main(String[] args) {
        Storage storage = Storage.open(StorageConfig.embedded(Path.of(args[0])));
        LedgerWriter ledger = LedgerWriter.start(storage, PriceCatalog.builtIn(), LedgerSettings.DEFAULTS);
        Instant start = Instant.now();
        for (int i = 0; i < CALLS; i++) {
            ledger.onCallEnd(Calls.simple("key-" + (i % 7), start.plusMillis(i)));
        }
        System.out.println("queued " + ledger.queueDepth());
        System.exit(0);
    }

    @Test
    void anExitingProcessDrainsItsLedgerIntoTheDatabaseBeforeTheDatabaseStops() throws Exception {
        Path data = tmp.resolve("data");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                StopWhileWritingTest.class.getName(), data.toString()))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child exited").isTrue();
        String log = Files.readString(tmp.resolve("child.log"));
        assertThat(child.exitValue()).as(log).isZero();
        assertThat(log).as("calls were still queued at exit").containsPattern("queued [1-9]");

        Path journal = data.resolve("journal").resolve("ledger.jsonl");
        assertThat(!Files.exists(journal) || Files.size(journal) == 0).as("nothing journaled: " + log).isTrue();
        try (Storage storage = Storage.open(StorageConfig.embedded(data));
             Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT request_id) FROM ledger")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(CALLS);
            assertThat(rs.getLong(2)).isEqualTo(CALLS);
        }
    }
}
