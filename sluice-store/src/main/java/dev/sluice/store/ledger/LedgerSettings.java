package dev.sluice.store.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ConfigBinder;
import dev.sluice.spi.ConfigException;
import dev.sluice.store.internal.WriterSettings;
import java.time.Duration;

/**
 * The {@code ledger} section of the configuration.
 *
 * @param retentionDays days of ledger (and captured content) kept, 0 to keep everything
 * @param queueCapacity calls held in memory before they spill to the journal
 * @param batchSize most rows per write transaction
 * @param flushInterval how long the writer gathers calls after the first of a batch before writing them (sooner when
 *                      the batch fills up): under load each transaction's fixed cost (commit, WAL flush) is then shared
 *                      by many rows; a row reaches the database this much later
 * @param callLogFsync how often the call log (every finished call, kept until its row is written; it survives a kill
 *                     of the process) is forced to disk, so that a power loss loses at most this much; zero leaves
 *                     it to the kernel's write-back (about 30 s)
 * @param callLog whether the call log is kept at all: without it, a kill of the process loses the calls whose rows
 *                were still in memory (up to a flush interval's worth, or a full queue's)
 */
public record LedgerSettings(int retentionDays, int queueCapacity, int batchSize, Duration flushInterval,
                             Duration callLogFsync, boolean callLog) {

    public static final LedgerSettings DEFAULTS = new LedgerSettings(0, 20_000, 5000, Duration.ofMillis(100),
            Duration.ofSeconds(1), true);

    public LedgerSettings(int retentionDays, int queueCapacity, int batchSize, Duration flushInterval) {
        this(retentionDays, queueCapacity, batchSize, flushInterval, DEFAULTS.callLogFsync, true);
    }

    public LedgerSettings(int retentionDays, int queueCapacity, int batchSize, Duration flushInterval,
                          Duration callLogFsync) {
        this(retentionDays, queueCapacity, batchSize, flushInterval, callLogFsync, true);
    }

    public LedgerSettings {
        if (retentionDays < 0) {
            throw new ConfigException("ledger.retention_days", "must be 0 (keep all) or more, got " + retentionDays);
        }
        if (queueCapacity < 1) {
            throw new ConfigException("ledger.queue_capacity", "must be at least 1, got " + queueCapacity);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new ConfigException("ledger.batch_size", "must be between 1 and 10000, got " + batchSize);
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new ConfigException("ledger.flush_interval_ms", "must be positive, got " + flushInterval.toMillis());
        }
        callLogFsync = callLogFsync == null ? Duration.ofSeconds(1) : callLogFsync;
        if (callLogFsync.isNegative()) {
            throw new ConfigException("ledger.call_log_fsync_ms", "must be 0 (leave it to the kernel) or more, got "
                    + callLogFsync.toMillis());
        }
    }

    public LedgerSettings withRetentionDays(int days) {
        return new LedgerSettings(days, queueCapacity, batchSize, flushInterval, callLogFsync, callLog);
    }

    public LedgerSettings withQueueCapacity(int capacity) {
        return new LedgerSettings(retentionDays, capacity, batchSize, flushInterval, callLogFsync, callLog);
    }

    /** The section as written; absent keys are null. */
    record Section(Integer retentionDays, Integer queueCapacity, Integer batchSize, Integer flushIntervalMs,
                   Integer callLogFsyncMs, Boolean callLog) { }

    /** Reads the section (null or missing means the defaults); unknown keys and bad values fail. */
    public static LedgerSettings from(JsonNode section) {
        Section s = ConfigBinder.bind(section, Section.class, "ledger");
        if (s == null) {
            return DEFAULTS;
        }
        return new LedgerSettings(or(s.retentionDays(), DEFAULTS.retentionDays),
                or(s.queueCapacity(), DEFAULTS.queueCapacity), or(s.batchSize(), DEFAULTS.batchSize),
                Duration.ofMillis(or(s.flushIntervalMs(), (int) DEFAULTS.flushInterval.toMillis())),
                Duration.ofMillis(or(s.callLogFsyncMs(), (int) DEFAULTS.callLogFsync.toMillis())),
                s.callLog() == null || s.callLog());
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    WriterSettings writerSettings() {
        return new WriterSettings(queueCapacity, batchSize, flushInterval, Duration.ofSeconds(2),
                Duration.ofSeconds(30));
    }
}
