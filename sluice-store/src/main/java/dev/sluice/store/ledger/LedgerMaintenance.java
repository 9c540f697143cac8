package dev.sluice.store.ledger;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the ledger's partitions: the partitions of today and the next two days exist, and with a retention of N
 * days, partitions of days before today minus N are dropped (captured content of those days is deleted too).
 * Runs once at {@link #start} and then hourly on its own daemon thread; failures are logged and retried next time.
 * Every 10 seconds it also summarises the new block ranges of the ledger's time index.
 */
public final class LedgerMaintenance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerMaintenance.class);
    static final int DAYS_AHEAD = 2;
    private static final long SUMMARIZE_SECONDS = 10;

    private final DataSource dataSource;
    private final LedgerPartitions partitions;
    private final int retentionDays;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    LedgerMaintenance(DataSource dataSource, LedgerPartitions partitions, int retentionDays, Clock clock) {
        this.dataSource = dataSource;
        this.partitions = partitions;
        this.retentionDays = retentionDays;
        this.clock = clock;
    }

    synchronized void start() {
        runQuietly();
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sluice-ledger-maintenance").daemon(true).factory());
        scheduler.scheduleWithFixedDelay(this::runQuietly, 1, 1, TimeUnit.HOURS);
        scheduler.scheduleWithFixedDelay(this::summarizeQuietly, SUMMARIZE_SECONDS, SUMMARIZE_SECONDS,
                TimeUnit.SECONDS);
    }

    /**
     * Summarises the block ranges of the BRIN indexes (time, and the callers' bloom filters) filled since the last
     * call, in every partition. A range without a summary matches every filter, so without this a read would scan
     * everything written since the last vacuum; PostgreSQL's own autosummarize queues one work item per range and
     * drops them under load.
     */
    public void summarizeTimeIndex() throws SQLException {
        try (var c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT brin_summarize_new_values(h.inhrelid) FROM pg_inherits h "
                    + "WHERE h.inhparent IN ('ledger_started_at'::regclass, 'ledger_callers'::regclass)");
        }
    }

    private void summarizeQuietly() {
        try {
            summarizeTimeIndex();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("ledger: time index summary failed, will retry: {}", e.getMessage());
        }
    }

    /**
     * Creates missing partitions and applies retention now.
     *
     * @return the partitions dropped by retention
     */
    public List<String> runOnce() throws SQLException {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        partitions.ensureAhead(today, DAYS_AHEAD);
        if (retentionDays <= 0) {
            return List.of();
        }
        LocalDate cutoff = today.minusDays(retentionDays);
        List<String> dropped = partitions.dropBefore(cutoff);
        try (var c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM call_content WHERE started_at < '" + cutoff + " 00:00:00+00'");
            // a batch id only matters while its batch may still be replayed from a journal
            s.execute("DELETE FROM ledger_batches WHERE written_at < '" + cutoff + " 00:00:00+00'");
        }
        if (!dropped.isEmpty()) {
            LOG.info("ledger retention ({} days) dropped {}", retentionDays, dropped);
        }
        return dropped;
    }

    /** The partition helper, for inspection. */
    public LedgerPartitions partitions() { return partitions; }

    private void runQuietly() {
        try {
            runOnce();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("ledger maintenance failed, will retry in an hour: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
