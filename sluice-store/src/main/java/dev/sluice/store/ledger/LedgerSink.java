package dev.sluice.store.ledger;

import dev.sluice.store.internal.BatchSink;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes ledger rows with {@code COPY}, one transaction per batch, so that each call yields exactly one row.
 *
 * <p>A fresh batch is copied straight into {@code ledger}: its rows are new, and COPY is the cheapest way in for
 * PostgreSQL (no statement to parse, no parameters to bind, multi-row heap inserts), in its binary format
 * ({@link LedgerCopyBinary}). If some row is already there (a
 * batch whose commit outcome was unknown, written again), the whole COPY fails with a unique violation and the
 * batch is merged instead: copied into a session temporary table, then inserted with
 * {@code ON CONFLICT (request_id, started_at) DO NOTHING}. Rows replayed from the journal take that merge path
 * directly, since they may well be in the database already. Makes sure each row's day has its partition first (a
 * missing one would otherwise send rows to the default one). Called from one writer thread at a time.
 */
final class LedgerSink implements BatchSink<LedgerRow> {

    static final String COLUMNS = "request_id, started_at, key_id, team_id, use_case_id, environment, route, model, "
            + "deployment, provider, provider_type, upstream_model, inbound_api, operation, stream, status, "
            + "error_type, error_message, attempts, input_tokens, output_tokens, cache_read_tokens, "
            + "cache_write_tokens, reasoning_tokens, cost_usd, latency_ms, ttft_ms, gateway_us, "
            + "output_tokens_per_second, cache_hit, stop_reason, response_id, user_id, tags, traceparent";
    private static final String COPY_LEDGER = "COPY ledger (" + COLUMNS + ") FROM STDIN (FORMAT binary)";
    private static final String CREATE_STAGING = "CREATE TEMP TABLE IF NOT EXISTS ledger_staging "
            + "(LIKE ledger INCLUDING DEFAULTS) ON COMMIT DELETE ROWS";
    private static final String COPY_STAGING = "COPY ledger_staging (" + COLUMNS + ") FROM STDIN (FORMAT binary)";
    private static final String MERGE_STAGING = "INSERT INTO ledger (" + COLUMNS + ") SELECT " + COLUMNS
            + " FROM ledger_staging ON CONFLICT (request_id, started_at) DO NOTHING";
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final LedgerPartitions partitions;
    private final LedgerCopyBinary encoder = new LedgerCopyBinary();

    LedgerSink(DataSource dataSource, LedgerPartitions partitions) {
        this.dataSource = dataSource;
        this.partitions = partitions;
    }

    @Override
    public void write(List<LedgerRow> batch) throws SQLException {
        ensurePartitions(batch);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                copy(c, COPY_LEDGER, batch);
                c.commit();
                return;
            } catch (SQLException e) {
                c.rollback();
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
            merge(c, batch);
        }
    }

    @Override
    public void writeReplayed(List<LedgerRow> batch) throws SQLException {
        ensurePartitions(batch);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            merge(c, batch);
        }
    }

    private void ensurePartitions(List<LedgerRow> batch) throws SQLException {
        long last = Long.MIN_VALUE;
        for (LedgerRow row : batch) {
            long day = Math.floorDiv(row.startedAt().getEpochSecond(), 86_400L);
            if (day != last) {
                partitions.ensureDay(LocalDate.ofEpochDay(day)); // remembers the days it has seen: cheap after the first
                last = day;
            }
        }
    }

    private void merge(Connection c, List<LedgerRow> batch) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(CREATE_STAGING);
            copy(c, COPY_STAGING, batch);
            s.executeUpdate(MERGE_STAGING);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    private void copy(Connection c, String sql, List<LedgerRow> batch) throws SQLException {
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
}
