package dev.sluice.store.ledger;

import dev.sluice.store.internal.BatchSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/**
 * Inserts ledger rows in one transaction with {@code ON CONFLICT DO NOTHING}, so a replayed row is not duplicated.
 * Makes sure each row's day has its partition first (a missing one would otherwise send rows to the default one).
 */
final class LedgerSink implements BatchSink<LedgerRow> {

    static final String COLUMNS = "request_id, started_at, key_id, team_id, use_case_id, environment, route, model, "
            + "deployment, provider, provider_type, upstream_model, inbound_api, operation, stream, status, "
            + "error_type, error_message, attempts, input_tokens, output_tokens, cache_read_tokens, "
            + "cache_write_tokens, reasoning_tokens, cost_usd, latency_ms, ttft_ms, gateway_us, "
            + "output_tokens_per_second, cache_hit, stop_reason, response_id, user_id, tags, traceparent";
    private static final String INSERT = "INSERT INTO ledger (" + COLUMNS + ") VALUES ("
            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?::jsonb, ?) ON CONFLICT (request_id, started_at) DO NOTHING";

    private final DataSource dataSource;
    private final LedgerPartitions partitions;

    LedgerSink(DataSource dataSource, LedgerPartitions partitions) {
        this.dataSource = dataSource;
        this.partitions = partitions;
    }

    @Override
    public void write(List<LedgerRow> batch) throws SQLException {
        for (LocalDate day : batch.stream().map(r -> LocalDate.ofInstant(r.startedAt(), ZoneOffset.UTC))
                .distinct().toList()) {
            partitions.ensureDay(day);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (LedgerRow row : batch) {
                    bind(ps, row);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void bind(PreparedStatement ps, LedgerRow r) throws SQLException {
        int i = 0;
        ps.setString(++i, r.requestId());
        ps.setObject(++i, r.startedAt().atOffset(ZoneOffset.UTC));
        ps.setString(++i, r.keyId());
        ps.setString(++i, r.teamId());
        ps.setString(++i, r.useCaseId());
        ps.setString(++i, r.environment());
        ps.setString(++i, r.route());
        ps.setString(++i, r.model());
        ps.setString(++i, r.deployment());
        ps.setString(++i, r.provider());
        ps.setString(++i, r.providerType());
        ps.setString(++i, r.upstreamModel());
        ps.setString(++i, r.inboundApi());
        ps.setString(++i, r.operation());
        ps.setBoolean(++i, r.stream());
        ps.setInt(++i, r.status());
        ps.setString(++i, r.errorType());
        ps.setString(++i, r.errorMessage());
        ps.setInt(++i, r.attempts());
        ps.setLong(++i, r.inputTokens());
        ps.setLong(++i, r.outputTokens());
        ps.setLong(++i, r.cacheReadTokens());
        ps.setLong(++i, r.cacheWriteTokens());
        ps.setLong(++i, r.reasoningTokens());
        ps.setBigDecimal(++i, r.costUsd());
        ps.setDouble(++i, r.latencyMs());
        if (r.ttftMs() == null) {
            ps.setNull(++i, Types.DOUBLE);
        } else {
            ps.setDouble(++i, r.ttftMs());
        }
        ps.setLong(++i, r.gatewayUs());
        ps.setDouble(++i, r.outputTokensPerSecond());
        ps.setBoolean(++i, r.cacheHit());
        ps.setString(++i, r.stopReason());
        ps.setString(++i, r.responseId());
        ps.setString(++i, r.userId());
        ps.setString(++i, Tags.toJson(r.tags()));
        ps.setString(++i, r.traceparent());
    }
}
