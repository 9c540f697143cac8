package dev.sluice.store.ledger;

import dev.sluice.api.event.CallRecord;
import dev.sluice.api.event.GatewayListener;
import dev.sluice.store.Storage;
import dev.sluice.store.cost.PriceCatalog;
import dev.sluice.store.internal.Journal;
import dev.sluice.store.internal.JournaledWriter;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one ledger row per finished call, off the request path, without loss.
 *
 * <p>{@link #onCallEnd} appends the call to the call log, prices it, encodes its row for COPY (on a platform thread,
 * where the call's record is hot in cache; a virtual thread leaves the encoding to the writer), queues it and
 * returns; it never throws. A writer thread writes the rows in batches; while PostgreSQL is unreachable, or when the queue is full, rows go to {@code ledger.jsonl} in the
 * journal folder (fsynced per batch) and are replayed once the database answers again, and at the next start if the
 * process stopped first. Inserts are idempotent on {@code (request_id, started_at)}: each call yields exactly one
 * row. {@link #close} drains the queue. Partition upkeep and retention run in a {@link LedgerMaintenance} owned by
 * this writer.
 */
public final class LedgerWriter implements GatewayListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerWriter.class);

    private final JournaledWriter<Logged, LedgerEntry> writer;
    private final LedgerMaintenance maintenance;
    private final CallLog log;
    private final PriceCatalog prices;
    private final long recovered;
    /** Each platform thread's row encoder (its buffer and the last strings it encoded). */
    private final ThreadLocal<LedgerCopyBinary> encoders = ThreadLocal.withInitial(LedgerCopyBinary::new);

    /**
     * A call, its row if already made (else null: the writer makes it), and the call-log segment the call is in (null
     * when it could not be logged).
     */
    private record Logged(CallRecord call, LedgerEntry entry, CallLog.Segment segment) {

        LedgerEntry entry(PriceCatalog prices) {
            return entry != null ? entry : LedgerEntry.of(row(call, prices));
        }
    }

    private LedgerWriter(JournaledWriter<Logged, LedgerEntry> writer, LedgerMaintenance maintenance, CallLog log,
                         PriceCatalog prices, long recovered) {
        this.writer = writer;
        this.maintenance = maintenance;
        this.log = log;
        this.prices = prices;
        this.recovered = recovered;
    }

    /** Starts a writer on {@code storage}'s database and journal folder; closing the storage closes it first. */
    public static LedgerWriter start(Storage storage, PriceCatalog prices, LedgerSettings settings) {
        LedgerWriter writer = start(storage.dataSource(), storage.journalDir(), prices, settings, Clock.systemUTC());
        storage.closeFirst(writer); // drained before the database stops, on the JVM's shutdown too
        return writer;
    }

    /**
     * Starts a writer: runs partition maintenance once (today and two days ahead, retention), schedules it hourly,
     * and starts the writer thread, which first replays any journal left in {@code journalDir}.
     */
    public static LedgerWriter start(DataSource dataSource, Path journalDir, PriceCatalog prices,
                                     LedgerSettings settings, Clock clock) {
        LedgerPartitions partitions = new LedgerPartitions(dataSource);
        LedgerMaintenance maintenance = new LedgerMaintenance(dataSource, partitions, settings.retentionDays(), clock);
        maintenance.start();
        CallLog log = settings.callLog() ? new CallLog(journalDir, settings.callLogFsync()) : null;
        JournaledWriter<Logged, LedgerEntry> writer = new JournaledWriter<>("ledger",
                new LedgerSink(dataSource, partitions), new EntryCodec(), new Journal(journalDir, "ledger"),
                settings.writerSettings(), logged -> logged.entry(prices), safe -> {
                    if (log == null) {
                        return;
                    }
                    CallLog.Segment last = null;
                    int run = 0;
                    for (Logged l : safe) { // calls of one segment come in runs: one update per run
                        if (l.segment() != last) {
                            if (last != null) {
                                log.done(last, run);
                            }
                            last = l.segment();
                            run = 0;
                        }
                        run++;
                    }
                    if (last != null) {
                        log.done(last, run);
                    }
                });
        long recovered = recover(journalDir, writer, prices);
        return new LedgerWriter(writer.start(), maintenance, log, prices, recovered);
    }

    /** Journal lines hold the row only: an entry read back is encoded again by the writer. */
    private static final class EntryCodec implements dev.sluice.store.internal.JournalCodec<LedgerEntry> {
        private final LedgerRowCodec rows = new LedgerRowCodec();

        @Override
        public String encode(LedgerEntry entry) { return rows.encode(entry.row()); }

        @Override
        public LedgerEntry decode(String line) throws java.io.IOException { return LedgerEntry.of(rows.decode(line)); }
    }

    private static LedgerRow row(CallRecord call, PriceCatalog prices) {
        return LedgerRow.of(call, prices.cost(call).orElse(null));
    }

    /**
     * Moves the calls a previous process left in its call log (it was killed before their rows were written, or
     * before it could delete the log) into the journal as rows that may already be in the ledger: the replay that
     * follows adds those that are not, once each. The log files are deleted once journaled.
     */
    private static long recover(Path journalDir, JournaledWriter<Logged, LedgerEntry> writer, PriceCatalog prices) {
        long total = 0;
        try {
            for (Path file : CallLog.leftovers(journalDir)) {
                java.util.List<LedgerEntry> rows = new java.util.ArrayList<>();
                CallLog.read(file, call -> rows.add(LedgerEntry.of(row(call, prices))));
                if (!writer.journalMaybeWritten(rows)) {
                    LOG.error("ledger: cannot journal the {} calls of {}; it is kept for the next start", rows.size(),
                            file.getFileName());
                    continue;
                }
                java.nio.file.Files.deleteIfExists(file);
                total += rows.size();
            }
        } catch (java.io.IOException e) {
            LOG.error("ledger: cannot read the call log: {}", e.toString());
        }
        if (total > 0) {
            LOG.info("ledger: the call log of a process that stopped without a clean shutdown holds {} calls; those "
                    + "not yet in the ledger are being added (the others are skipped)", total);
        }
        return total;
    }

    @Override
    public void onCallEnd(CallRecord call) {
        if (call == null) {
            LOG.error("ledger: no call to record");
            return;
        }
        // logged first, before the answer's last byte is sent: a kill of the process after that cannot lose it
        CallLog.Segment segment = log == null ? null : log.append(call);
        writer.offer(new Logged(call, encoded(call), segment));
    }

    /** The call's row, priced and encoded on this thread; null on a virtual thread, or if it fails (the writer retries). */
    private LedgerEntry encoded(CallRecord call) {
        if (Thread.currentThread().isVirtual()) {
            return null; // a thread-local encoder per virtual thread would cost more than it saves
        }
        try {
            LedgerRow row = row(call, prices);
            return new LedgerEntry(row, encoders.get().tuple(row));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Calls recovered at start from the call log of a process that was killed. */
    public long callsRecovered() { return recovered; }

    /** Rows waiting in memory. */
    public long queueDepth() { return writer.queueDepth(); }

    /** Bytes waiting in the local journal. */
    public long journalBytes() { return writer.journalBytes(); }

    /** Rows replayed from the journal into the database since start. */
    public long rowsReplayed() { return writer.rowsReplayed(); }

    /** Rows written straight into the database since start. */
    public long rowsWritten() { return writer.rowsWritten(); }

    /** Rows that went to the journal since start. */
    public long rowsJournaled() { return writer.rowsJournaled(); }

    /** The maintenance task, to run it on demand. */
    public LedgerMaintenance maintenance() { return maintenance; }

    /** Drains queued rows into the database (or the journal) and stops the writer and the maintenance task. */
    @Override
    public void close() {
        maintenance.close();
        writer.close();
        if (log != null) {
            log.close();
        }
    }
}
