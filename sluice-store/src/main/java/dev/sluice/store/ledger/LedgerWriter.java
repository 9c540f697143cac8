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
 * <p>{@link #onCallEnd} queues the call and returns; it never throws. A writer thread prices calls and writes their
 * rows in batches; while PostgreSQL is unreachable, or when the queue is full, rows go to {@code ledger.jsonl} in the
 * journal folder (fsynced per batch) and are replayed once the database answers again, and at the next start if the
 * process stopped first. Inserts are idempotent on {@code (request_id, started_at)}: each call yields exactly one
 * row. {@link #close} drains the queue. Partition upkeep and retention run in a {@link LedgerMaintenance} owned by
 * this writer.
 */
public final class LedgerWriter implements GatewayListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerWriter.class);

    private final JournaledWriter<Logged, LedgerRow> writer;
    private final LedgerMaintenance maintenance;
    private final CallLog log;
    private final long recovered;

    /** A call and the call-log segment it is in (null when it could not be logged). */
    private record Logged(CallRecord call, CallLog.Segment segment) { }

    private LedgerWriter(JournaledWriter<Logged, LedgerRow> writer, LedgerMaintenance maintenance, CallLog log,
                         long recovered) {
        this.writer = writer;
        this.maintenance = maintenance;
        this.log = log;
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
        JournaledWriter<Logged, LedgerRow> writer = new JournaledWriter<>("ledger",
                new LedgerSink(dataSource, partitions), new LedgerRowCodec(), new Journal(journalDir, "ledger"),
                settings.writerSettings(), logged -> row(logged.call(), prices), safe -> {
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
        return new LedgerWriter(writer.start(), maintenance, log, recovered);
    }

    private static LedgerRow row(CallRecord call, PriceCatalog prices) {
        return LedgerRow.of(call, prices.cost(call).orElse(null));
    }

    /**
     * Moves the calls a previous process left in its call log (it was killed before their rows were written, or
     * before it could delete the log) into the journal as rows that may already be in the ledger: the replay that
     * follows adds those that are not, once each. The log files are deleted once journaled.
     */
    private static long recover(Path journalDir, JournaledWriter<Logged, LedgerRow> writer, PriceCatalog prices) {
        long total = 0;
        try {
            for (Path file : CallLog.leftovers(journalDir)) {
                java.util.List<LedgerRow> rows = new java.util.ArrayList<>();
                CallLog.read(file, call -> rows.add(row(call, prices)));
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
        // logged first, before the answer's last byte is sent: a kill of the process after that cannot lose it;
        // pricing and flattening happen on the writer thread
        writer.offer(new Logged(call, log == null ? null : log.append(call)));
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
