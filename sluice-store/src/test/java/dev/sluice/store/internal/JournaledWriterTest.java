package dev.sluice.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.Eventually;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournaledWriterTest {

    @TempDir
    Path dir;

    /** A database in memory that keeps batch ids as the ledger does, and can be switched off or made to lose acks. */
    static final class BatchStore implements BatchSink<String> {
        final Set<UUID> batches = new HashSet<>();
        final List<String> rows = new ArrayList<>();
        final List<List<Batch<String>>> replays = new ArrayList<>();
        volatile boolean down;
        volatile boolean commitButFail; // the commit goes through, the client sees an error: outcome unknown

        @Override
        public synchronized void write(UUID batchId, List<String> batch) throws SQLException {
            if (down) {
                throw new SQLException("connection refused");
            }
            batches.add(batchId);
            rows.addAll(batch);
            if (commitButFail) {
                throw new SQLException("connection reset during commit");
            }
        }

        @Override
        public synchronized void writeReplayed(List<Batch<String>> replayed) throws SQLException {
            if (down) {
                throw new SQLException("connection refused");
            }
            replays.add(replayed);
            for (Batch<String> batch : replayed) {
                if (batches.add(batch.id())) {
                    rows.addAll(batch.records());
                }
            }
        }
    }

    static final JournalCodec<String> CODEC = new JournalCodec<>() {
        @Override
        public String encode(String item) { return "\"" + item + "\""; }

        @Override
        public String decode(String line) throws IOException {
            if (!line.startsWith("\"")) {
                throw new IOException("not a record: " + line);
            }
            return line.substring(1, line.length() - 1);
        }
    };

    private JournaledWriter<String, String> writer(BatchStore store, int batchSize) {
        return new JournaledWriter<>("test", store, CODEC, new Journal(dir, "test"),
                new WriterSettings(10_000, batchSize, Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofSeconds(10)), Function.identity());
    }

    @Test
    void aBatchWhoseCommitOutcomeWasUnknownIsJournaledUnderItsIdAndNotWrittenTwice() throws Exception {
        BatchStore store = new BatchStore();
        store.commitButFail = true;
        try (var w = writer(store, 100).start()) {
            for (int i = 0; i < 30; i++) {
                w.offer("call-" + i);
            }
            Eventually.await(Duration.ofSeconds(20), "journaling", () -> w.rowsJournaled() == 30);
            store.commitButFail = false;
            w.offer("call-30"); // the database works again: the journal is replayed
            // call-30 is written, or journaled and replayed if it came within the retry interval
            Eventually.await(Duration.ofSeconds(20), "replay",
                    () -> w.journalBytes() == 0 && w.rowsWritten() + w.rowsReplayed() == 31);
        }
        assertThat(store.rows).hasSize(31).doesNotHaveDuplicates();
    }

    @Test
    void replayNeverSplitsABatchBetweenTransactions() throws Exception {
        List<String> lines = new ArrayList<>();
        Map<UUID, Integer> sizes = new HashMap<>();
        for (int b = 0; b < 10; b++) {
            UUID id = UUID.randomUUID();
            int size = 1 + b % 4;
            sizes.put(id, size);
            for (int i = 0; i < size; i++) {
                lines.add(JournalLines.encode(id, CODEC.encode("b" + b + "-" + i)));
            }
        }
        lines.add(CODEC.encode("from-an-earlier-version")); // a bare record: no batch id
        new Journal(dir, "test").append(lines);
        BatchStore store = new BatchStore();
        try (var w = writer(store, 3).start()) {
            Eventually.await(Duration.ofSeconds(20), "replay", () -> w.journalBytes() == 0 && w.rowsReplayed() == 24);
        }
        assertThat(store.rows).hasSize(24).doesNotHaveDuplicates().contains("from-an-earlier-version");
        assertThat(store.replays).hasSizeGreaterThan(1);
        for (List<Batch<String>> replay : store.replays) {
            for (Batch<String> batch : replay) {
                if (batch.id() != null) {
                    assertThat(batch.records()).as("batch %s whole", batch.id()).hasSize(sizes.get(batch.id()));
                }
            }
        }
    }

    @Test
    void aJournalLineIsOneJsonObjectAndABareRecordReadsWithoutABatch() throws IOException {
        UUID id = UUID.randomUUID();
        String line = JournalLines.encode(id, "{\"a\":1}");
        assertThat(dev.sluice.api.json.Json.parse(line).get("record").get("a").asInt()).isEqualTo(1);
        assertThat(JournalLines.decode(line)).isEqualTo(new JournalLines.Line(id, "{\"a\":1}"));
        assertThat(JournalLines.decode("{\"a\":1}")).isEqualTo(new JournalLines.Line(null, "{\"a\":1}"));
    }

    @Test
    void recordsSpilledWhileTheDatabaseIsDownAreReplayedOnce() throws Exception {
        BatchStore store = new BatchStore();
        store.down = true;
        try (var w = writer(store, 7).start()) {
            for (int i = 0; i < 40; i++) {
                w.offer("call-" + i);
            }
            Eventually.await(Duration.ofSeconds(20), "journaling", () -> w.rowsJournaled() == 40);
            assertThat(Files.list(dir).count()).isPositive();
            store.down = false;
            w.offer("call-40");
            Eventually.await(Duration.ofSeconds(20), "replay",
                    () -> w.journalBytes() == 0 && w.rowsWritten() + w.rowsReplayed() == 41);
        }
        assertThat(store.rows).hasSize(41).doesNotHaveDuplicates();
    }
}
