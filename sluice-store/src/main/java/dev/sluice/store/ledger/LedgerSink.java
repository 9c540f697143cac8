package dev.sluice.store.ledger;

import dev.sluice.store.internal.Batch;
import dev.sluice.store.internal.BatchSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes ledger rows with {@code COPY}, one transaction per batch, so that each call yields exactly one row.
 *
 * <p>COPY is the cheapest way in for PostgreSQL (no statement to parse, no parameters to bind, multi-row heap
 * inserts), in its binary format ({@link LedgerCopyBinary}). The ledger has no per-row unique key (a btree entry per
 * row cost about as much as the row, docs/benchmarks.md); instead each transaction inserts its batch id into
 * {@code ledger_batches}. A fresh batch is new by construction. A replayed batch inserts its id with
 * {@code ON CONFLICT DO NOTHING} first, and is copied only if the id was not there: a batch whose earlier commit did
 * go through is skipped whole. Journal lines from before batch ids (no id) are merged row by row through a session
 * temporary table, skipping rows whose {@code (request_id, started_at)} is already in the ledger. Makes sure each
 * row's day has its partition first (a missing one would otherwise send rows to the default one). Called from one
 * writer thread at a time.
 */
final class LedgerSink implements BatchSink<LedgerEntry> {

    static final String COLUMNS = "request_id, started_at, key_id, team_id, use_case_id, environment, route, model, "
            + "deployment, provider, provider_type, upstream_model, inbound_api, operation, stream, status, "
            + "error_type, error_message, attempts, input_tokens, output_tokens, cache_read_tokens, "
            + "cache_write_tokens, reasoning_tokens, cost_usd, latency_ms, ttft_ms, gateway_us, "
            + "output_tokens_per_second, cache_hit, stop_reason, response_id, user_id, tags, traceparent, "
            + "guardrail_id, guardrail_version, guardrail_action, guardrail_findings, guardrail_us, attempt_log";
    private static final String COPY_LEDGER = "COPY ledger (" + COLUMNS + ") FROM STDIN (FORMAT binary)";
    private static final String RECORD_BATCH = "INSERT INTO ledger_batches (batch_id) VALUES (?)";
    private static final String RECORD_BATCHES = "INSERT INTO ledger_batches (batch_id) SELECT unnest(?::uuid[]) "
            + "ON CONFLICT DO NOTHING RETURNING batch_id";
    private static final String CREATE_STAGING = "CREATE TEMP TABLE IF NOT EXISTS ledger_staging "
            + "(LIKE ledger INCLUDING DEFAULTS) ON COMMIT DELETE ROWS";
    private static final String COPY_STAGING = "COPY ledger_staging (" + COLUMNS + ") FROM STDIN (FORMAT binary)";
    private static final String MERGE_STAGING = "INSERT INTO ledger (" + COLUMNS + ") SELECT DISTINCT ON "
            + "(s.request_id, s.started_at) " + prefixed("s.") + " FROM ledger_staging s WHERE NOT EXISTS "
            + "(SELECT 1 FROM ledger l WHERE l.request_id = s.request_id AND l.started_at = s.started_at)";

    private final DataSource dataSource;
    private final LedgerPartitions partitions;
    private final LedgerCopyBinary encoder = new LedgerCopyBinary();

    LedgerSink(DataSource dataSource, LedgerPartitions partitions) {
        this.dataSource = dataSource;
        this.partitions = partitions;
    }

    @Override
    public void write(UUID batchId, List<LedgerEntry> batch) throws SQLException {
        ensurePartitions(batch);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(RECORD_BATCH)) {
                ps.setObject(1, batchId);
                ps.executeUpdate();
                copy(c, COPY_LEDGER, batch);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    @Override
    public void writeReplayed(List<Batch<LedgerEntry>> batches) throws SQLException {
        for (Batch<LedgerEntry> batch : batches) {
            ensurePartitions(batch.records());
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Set<UUID> fresh = recordBatches(c, batches);
                List<LedgerEntry> rows = new ArrayList<>();
                List<LedgerEntry> unidentified = new ArrayList<>();
                for (Batch<LedgerEntry> batch : batches) {
                    if (batch.id() == null) {
                        unidentified.addAll(batch.records());
                    } else if (fresh.remove(batch.id())) { // a batch id twice in one replay: its first copy counts
                        rows.addAll(batch.records());
                    }
                }
                if (!rows.isEmpty()) {
                    copy(c, COPY_LEDGER, rows);
                }
                if (!unidentified.isEmpty()) {
                    merge(c, unidentified);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Inserts the batches' ids; returns those that were not there yet. */
    private static Set<UUID> recordBatches(Connection c, List<Batch<LedgerEntry>> batches) throws SQLException {
        Set<UUID> fresh = new HashSet<>();
        UUID[] ids = batches.stream().map(Batch::id).filter(Objects::nonNull).distinct().toArray(UUID[]::new);
        if (ids.length == 0) {
            return fresh;
        }
        try (PreparedStatement ps = c.prepareStatement(RECORD_BATCHES)) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return fresh;
    }

    private void ensurePartitions(List<LedgerEntry> batch) throws SQLException {
        long last = Long.MIN_VALUE;
        for (LedgerEntry entry : batch) {
            long day = Math.floorDiv(entry.row().startedAt().getEpochSecond(), 86_400L);
            if (day != last) {
                partitions.ensureDay(LocalDate.ofEpochDay(day)); // remembers the days it has seen: cheap after the first
                last = day;
            }
        }
    }

    private void merge(Connection c, List<LedgerEntry> rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(CREATE_STAGING);
            copy(c, COPY_STAGING, rows);
            s.execute("ANALYZE ledger_staging"); // so that the anti-join probes the ledger per staged row
            s.executeUpdate(MERGE_STAGING);
        }
    }

    private void copy(Connection c, String sql, List<LedgerEntry> batch) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            encoder.write(batch, in);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static String prefixed(String alias) {
        return alias + COLUMNS.replace(", ", ", " + alias);
    }
}
