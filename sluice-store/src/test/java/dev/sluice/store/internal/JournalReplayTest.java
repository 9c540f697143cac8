package dev.sluice.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.store.internal.JournaledWriterTest.BatchStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalReplayTest {

    @TempDir
    Path dir;

    private final BatchStore store = new BatchStore();

    private JournalReplay<String> replay(Journal journal) {
        return new JournalReplay<>("test", store, JournaledWriterTest.CODEC, journal, 3);
    }

    private static List<String> batch(UUID id, String... records) {
        List<String> lines = new ArrayList<>();
        for (String record : records) {
            lines.add(JournalLines.encode(id, JournaledWriterTest.CODEC.encode(record)));
        }
        return lines;
    }

    @Test
    void everyPendingRecordIsWrittenOnceAndTheJournalIsEmptiedAfterwards() throws IOException {
        Journal journal = new Journal(dir, "test");
        journal.append(batch(UUID.randomUUID(), "a", "b"));
        journal.rotate(); // a file left for replay, as a crash leaves it
        journal.append(batch(UUID.randomUUID(), "c", "d", "e"));
        JournalReplay<String> replay = replay(journal);

        assertThat(replay.replayAll()).isTrue();

        assertThat(store.rows).containsExactly("a", "b", "c", "d", "e");
        assertThat(replay.rowsReplayed()).isEqualTo(5);
        assertThat(journal.hasContent()).isFalse();
    }

    @Test
    void aDatabaseThatRefusesTheReplayLeavesTheJournalForTheNextOne() throws IOException {
        Journal journal = new Journal(dir, "test");
        journal.append(batch(UUID.randomUUID(), "a", "b", "c"));
        journal.append(batch(UUID.randomUUID(), "d"));
        JournalReplay<String> replay = replay(journal);
        store.down = true;

        assertThat(replay.replayAll()).as("the database failed").isFalse();
        assertThat(journal.hasContent()).isTrue();
        assertThat(replay.rowsReplayed()).isZero();

        store.down = false;
        assertThat(replay.replayAll()).isTrue();
        assertThat(store.rows).containsExactly("a", "b", "c", "d");
        assertThat(journal.hasContent()).isFalse();
    }

    @Test
    void aTornLineIsSkippedAndTheLinesAroundItAreReplayed() throws IOException {
        Journal journal = new Journal(dir, "test");
        List<String> lines = new ArrayList<>(batch(UUID.randomUUID(), "a"));
        lines.add("{\"batch\":\"0f3c"); // a crash mid-append: never acknowledged as journaled
        lines.addAll(batch(UUID.randomUUID(), "b"));
        journal.append(lines);

        assertThat(replay(journal).replayAll()).isTrue();

        assertThat(store.rows).containsExactly("a", "b");
        assertThat(journal.hasContent()).isFalse();
    }
}
