package dev.sluice.store.ledger;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Reads the ledger: pages of calls, one call, usage per group, and streamed exports. Thread-safe; every method
 * borrows a pooled connection for its duration. Database failures surface as {@link GatewayException} of type
 * {@link ErrorType#INTERNAL}.
 */
public final class LedgerQueries {

    /** Columns returned for a call, {@code tags} as text to be parsed. */
    private static final String SELECT = "SELECT " + Arrays.stream(LedgerSink.COLUMNS.split(", "))
            .map(column -> column.equals("tags") || column.equals("guardrail_findings") || column.equals("attempt_log")
                    ? "l." + column + "::text AS " + column : "l." + column)
            .collect(Collectors.joining(", ")) + " FROM ledger l";
    private static final String USAGE = """
            SELECT %s AS grp, count(*) AS requests,
                   coalesce(sum(l.input_tokens), 0) AS input_tokens, coalesce(sum(l.output_tokens), 0) AS output_tokens,
                   coalesce(sum(l.cost_usd), 0) AS cost_usd,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY l.latency_ms) AS p50_latency,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY l.latency_ms) AS p95_latency,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY l.ttft_ms) AS p50_ttft,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY l.ttft_ms) AS p95_ttft,
                   avg(CASE WHEN l.error_type IS NULL THEN 0.0 ELSE 1.0 END) AS error_rate,
                   coalesce(sum(f.n), 0) AS feedback_count, sum(f.total) / nullif(sum(f.n), 0) AS mean_score
            FROM ledger l
            LEFT JOIN (SELECT request_id, count(*) AS n, sum(score) AS total FROM feedback GROUP BY request_id) f
                   ON f.request_id = l.request_id
            WHERE %s
            GROUP BY grp ORDER BY grp NULLS LAST""";

    /** The first look-back of a page of calls, and how it widens: 1 min, 15 min, ~4 h, ~2.5 days, then all. */
    private static final Duration FIRST_WINDOW = Duration.ofMinutes(1);
    private static final int WINDOW_GROWTH = 15;
    private static final Duration LAST_WINDOW = Duration.ofDays(30);

    private final DataSource dataSource;

    public LedgerQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Calls matching {@code filter}, newest first, at most {@code limit}, starting after {@code cursor} (null for the
     * first page). A malformed cursor is an invalid-request error.
     */
    public LedgerPage requests(LedgerFilter filter, int limit, String cursor) {
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        Instant newest = after != null ? after.startedAt() : filter.to() != null ? filter.to() : Instant.now();
        List<Map<String, Object>> rows;
        Duration window = FIRST_WINDOW;
        while (true) {
            // Newest first without an index on time: look back a window (a BRIN range scan), and widen it until it
            // holds a full page or reaches the filter's start. A window that holds limit + 1 rows holds the page:
            // every row outside it is older than every row in it.
            Instant from = newest.minus(window);
            boolean last = window.compareTo(LAST_WINDOW) > 0
                    || (filter.from() != null && !from.isAfter(filter.from()));
            rows = page(filter, last ? null : from, after, limit);
            if (rows.size() > limit || last) {
                break;
            }
            window = window.multipliedBy(WINDOW_GROWTH);
        }
        String next = null;
        if (rows.size() > limit) {
            rows.removeLast();
            Map<String, Object> lastRow = rows.getLast();
            next = new Cursor(Instant.parse((String) lastRow.get("started_at")), (String) lastRow.get("request_id"))
                    .encode();
        }
        return new LedgerPage(List.copyOf(rows), next);
    }

    /** Up to {@code limit + 1} calls matching {@code filter}, started at or after {@code windowStart} if not null. */
    private List<Map<String, Object>> page(LedgerFilter filter, Instant windowStart, Cursor after, int limit) {
        LedgerFilter.Where where = filter.where();
        List<Object> params = new ArrayList<>(where.params());
        String sql = SELECT + " WHERE " + where.sql();
        if (windowStart != null) {
            sql += " AND l.started_at >= ?";
            params.add(windowStart.atOffset(ZoneOffset.UTC));
        }
        if (after != null) {
            sql += " AND (l.started_at, l.request_id) < (?, ?)";
            params.add(after.startedAt().atOffset(ZoneOffset.UTC));
            params.add(after.requestId());
        }
        sql += " ORDER BY l.started_at DESC, l.request_id DESC LIMIT ?";
        params.add(limit + 1);
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, params);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(row(rs));
            }
        } catch (SQLException e) {
            throw failure("list calls", e);
        }
        return rows;
    }

    /** The call with {@code requestId}, if it is in the ledger. */
    public Optional<Map<String, Object>> request(String requestId) {
        CallById byId = CallById.of("l.", requestId);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = prepare(c, SELECT + " WHERE " + byId.sql() + " ORDER BY l.started_at DESC LIMIT 1",
                     byId.params());
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row(rs)) : Optional.empty();
        } catch (SQLException e) {
            throw failure("read call " + requestId, e);
        }
    }

    /** Usage of the calls matching {@code filter}, one row per group, ordered by group (no group last). */
    public List<UsageRow> usage(GroupBy groupBy, LedgerFilter filter) {
        LedgerFilter.Where where = filter.where();
        List<UsageRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = prepare(c, USAGE.formatted(groupBy.expression(), where.sql()), where.params());
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new UsageRow(rs.getString("grp"), rs.getLong("requests"), rs.getLong("input_tokens"),
                        rs.getLong("output_tokens"), rs.getBigDecimal("cost_usd").stripTrailingZeros(),
                        nullableDouble(rs, "p50_latency"), nullableDouble(rs, "p95_latency"),
                        nullableDouble(rs, "p50_ttft"), nullableDouble(rs, "p95_ttft"), rs.getDouble("error_rate"),
                        rs.getLong("feedback_count"), rs.getBigDecimal("mean_score")));
            }
        } catch (SQLException e) {
            throw failure("compute usage", e);
        }
        return rows;
    }

    /**
     * Streams the calls matching {@code filter} (newest first, at most {@code limit}) to {@code out} as CSV or JSONL,
     * reading them with a server-side cursor so that memory stays flat. Does not close {@code out}.
     */
    public void exportRequests(LedgerFilter filter, int limit, ExportFormat format, OutputStream out)
            throws IOException {
        LedgerFilter.Where where = filter.where();
        List<Object> params = new ArrayList<>(where.params());
        params.add(limit);
        String sql = SELECT + " WHERE " + where.sql() + " ORDER BY l.started_at DESC, l.request_id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = prepare(c, sql, params)) {
                ps.setFetchSize(500);
                try (ResultSet rs = ps.executeQuery()) {
                    RowWriter writer = RowWriter.of(format, out);
                    while (rs.next()) {
                        writer.write(row(rs));
                    }
                    writer.finish();
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw failure("export calls", e);
        }
    }

    /** Writes usage rows to {@code out} as CSV or JSONL. Does not close {@code out}. */
    public static void exportUsage(List<UsageRow> rows, GroupBy groupBy, ExportFormat format, OutputStream out)
            throws IOException {
        RowWriter writer = RowWriter.of(format, out);
        if (rows.isEmpty() && format == ExportFormat.CSV) {
            out.write((String.join(",", new UsageRow(null, 0, 0, 0, BigDecimal.ZERO, null, null, null, null, 0, 0,
                    null).toMap(groupBy).keySet()) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        for (UsageRow row : rows) {
            writer.write(row.toMap(groupBy));
        }
        writer.finish();
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        return ps;
    }

    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String name = meta.getColumnLabel(i);
            Object value = switch (name) {
                case "started_at" -> rs.getObject(i, OffsetDateTime.class).toInstant().toString();
                case "tags" -> parseTags(rs.getString(i));
                case "guardrail_findings" -> rs.getString(i) == null ? null : parseTags(rs.getString(i));
                case "attempt_log" -> AttemptLog.shown(rs.getString(i) == null ? null : (JsonNode) parseTags(
                        rs.getString(i)), row);
                case "cost_usd" -> rs.getBigDecimal(i) == null ? null : rs.getBigDecimal(i).stripTrailingZeros();
                default -> rs.getObject(i);
            };
            row.put(name, value);
        }
        return row;
    }

    private static Object parseTags(String text) {
        try {
            return text == null ? Json.object() : Json.parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static GatewayException failure(String what, SQLException e) {
        return new GatewayException(GatewayError.of(ErrorType.INTERNAL, "ledger: cannot " + what
                + " (database error " + e.getSQLState() + ")"), e);
    }

    /** Position after the last row of a page: base64url of {@code startedAt|requestId}. */
    record Cursor(Instant startedAt, String requestId) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((startedAt + "|" + requestId)
                    .getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = text.indexOf('|');
                Instant at = Instant.parse(text.substring(0, bar));
                String id = text.substring(bar + 1);
                if (!AdminLedgerApi.storable(at) || !dev.sluice.store.feedback.RequestIdText.plausible(id)) {
                    throw new IllegalArgumentException("not one of ours");
                }
                return new Cursor(at, id);
            } catch (RuntimeException e) {
                throw GatewayException.invalid("cursor is not one returned by this API", "cursor");
            }
        }
    }
}
