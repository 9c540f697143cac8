package dev.sluice.store.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a {@link Journal} into the database: rotates the current file aside, then reads every pending file, oldest
 * first, and hands its records to the sink's {@link BatchSink#writeReplayed} in transactions of whole batches (lines
 * of one batch id are consecutive, and a transaction closes only between two batches, once it holds
 * {@code batchSize} records or more). A file is deleted once all of it is in the database. Lines without a batch id
 * (journals from before batch ids) are replayed as they come; an unreadable line (torn by a crash mid-append, so never
 * acknowledged as journaled) is logged and skipped.
 *
 * <p>Not thread-safe: one thread replays (the {@link JournaledWriter}'s writer thread). It logs under the writer's
 * logger, as the writer's own replay did, and keeps nothing open between calls.
 */
final class JournalReplay<T> {

    private static final Logger LOG = LoggerFactory.getLogger(JournaledWriter.class);

    private final String name;
    private final BatchSink<T> sink;
    private final JournalCodec<T> codec;
    private final Journal journal;
    private final int batchSize;
    private final AtomicLong replayed = new AtomicLong();

    /** @param name the writer's name, which starts every log line */
    JournalReplay(String name, BatchSink<T> sink, JournalCodec<T> codec, Journal journal, int batchSize) {
        this.name = name;
        this.sink = sink;
        this.codec = codec;
        this.journal = journal;
        this.batchSize = batchSize;
    }

    /** Records written to the database from the journal since start; safe to read from any thread. */
    long rowsReplayed() { return replayed.get(); }

    /**
     * Replays every pending journal file; stops at the first database failure and keeps what is left. A journal that
     * cannot be read is logged and left for the next call.
     *
     * @return false when the database failed (the caller waits before trying it again), else true
     */
    boolean replayAll() {
        try {
            journal.rotate();
            for (Path file : journal.pendingFiles()) {
                if (!replayFile(file)) {
                    return false;
                }
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.error("{} writer: cannot read the journal: {}", name, e.toString());
        }
        return true;
    }

    private boolean replayFile(Path file) throws IOException {
        List<Batch<T>> pending = new ArrayList<>();
        int pendingRecords = 0;
        UUID id = null;
        List<T> records = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                Entry<T> line = text.isBlank() ? null : decode(file, text);
                if (line == null) {
                    continue;
                }
                boolean sameBatch = !records.isEmpty() && line.batch() != null && line.batch().equals(id);
                if (!sameBatch && !records.isEmpty()) {
                    pending.add(new Batch<>(id, records));
                    pendingRecords += records.size();
                    records = new ArrayList<>();
                    if (pendingRecords >= batchSize) {
                        if (!replayBatches(pending)) {
                            return false;
                        }
                        pending.clear();
                        pendingRecords = 0;
                    }
                }
                id = line.batch();
                records.add(line.record());
            }
        }
        if (!records.isEmpty()) {
            pending.add(new Batch<>(id, records));
        }
        return pending.isEmpty() || replayBatches(pending);
    }

    /** A journal line read back: its batch id (null for lines from before batch ids) and its record. */
    private record Entry<T>(UUID batch, T record) { }

    /** The line's batch id and record; null (logged) when it cannot be read. */
    private Entry<T> decode(Path file, String text) {
        try {
            JournalLines.Line line = JournalLines.decode(text);
            return new Entry<>(line.batch(), codec.decode(line.record()));
        } catch (IOException | RuntimeException e) {
            // a torn last line from a crash mid-append: it was never acknowledged as journaled
            LOG.warn("{} writer: skipping unreadable journal line in {}: {}", name, file.getFileName(),
                    e.getMessage());
            return null;
        }
    }

    private boolean replayBatches(List<Batch<T>> batches) {
        try {
            sink.writeReplayed(batches);
            for (Batch<T> batch : batches) {
                replayed.addAndGet(batch.records().size());
            }
            return true;
        } catch (Exception e) {
            LOG.warn("{} writer: journal replay paused, database unavailable: {}", name, ErrorBrief.of(e));
            return false;
        }
    }
}
