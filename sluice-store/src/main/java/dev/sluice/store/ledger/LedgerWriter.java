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

    private final JournaledWriter<CallRecord, LedgerRow> writer;
    private final LedgerMaintenance maintenance;

    private LedgerWriter(JournaledWriter<CallRecord, LedgerRow> writer, LedgerMaintenance maintenance) {
        this.writer = writer;
        this.maintenance = maintenance;
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
        JournaledWriter<CallRecord, LedgerRow> writer = new JournaledWriter<>("ledger",
                new LedgerSink(dataSource, partitions), new LedgerRowCodec(), new Journal(journalDir, "ledger"),
                settings.writerSettings(), call -> LedgerRow.of(call, prices.cost(call).orElse(null)));
        return new LedgerWriter(writer.start(), maintenance);
    }

    @Override
    public void onCallEnd(CallRecord call) {
        if (call == null) {
            LOG.error("ledger: no call to record");
            return;
        }
        writer.offer(call); // pricing and flattening happen on the writer thread
    }

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
    }
}
