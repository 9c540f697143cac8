package dev.sluice.store.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which ledger rows a query looks at. Null fields do not filter.
 *
 * @param status {@code success}, {@code error}, or an HTTP status code such as {@code 429}
 * @param errorType an error type in lower case, e.g. {@code rate_limited}
 * @param from inclusive start time
 * @param to exclusive end time
 */
public record LedgerFilter(String keyId, String teamId, String useCaseId, String model, String status,
                           String errorType, Instant from, Instant to) {

    public LedgerFilter {
        if (status != null && !status.matches("(?i)success|ok|error|failed|[1-5][0-9][0-9]")) {
            throw dev.sluice.api.error.GatewayException.invalid(
                    "status must be success, error or an HTTP status code, got '" + status + "'", "status");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw dev.sluice.api.error.GatewayException.invalid("from must be before to", "from");
        }
    }

    public static final LedgerFilter ALL = new LedgerFilter(null, null, null, null, null, null, null, null);

    public LedgerFilter withKey(String key) {
        return new LedgerFilter(key, teamId, useCaseId, model, status, errorType, from, to);
    }

    /** A SQL condition on table alias {@code l} ({@code TRUE} when empty) and its parameters, in order. */
    Where where() {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        add(conditions, params, "l.key_id = ?", keyId);
        add(conditions, params, "l.team_id = ?", teamId);
        add(conditions, params, "l.use_case_id = ?", useCaseId);
        add(conditions, params, "l.model = ?", model);
        add(conditions, params, "l.error_type = ?", errorType == null ? null : errorType.toLowerCase(Locale.ROOT));
        add(conditions, params, "l.started_at >= ?", from == null ? null : from.atOffset(java.time.ZoneOffset.UTC));
        add(conditions, params, "l.started_at < ?", to == null ? null : to.atOffset(java.time.ZoneOffset.UTC));
        if (status != null) {
            switch (status.toLowerCase(Locale.ROOT)) {
                case "success", "ok" -> conditions.add("l.error_type IS NULL");
                case "error", "failed" -> conditions.add("l.error_type IS NOT NULL");
                default -> add(conditions, params, "l.status = ?", Integer.parseInt(status));
            }
        }
        return new Where(conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions), params);
    }

    private static void add(List<String> conditions, List<Object> params, String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            params.add(value);
        }
    }

    /** A WHERE clause and its bind parameters. */
    record Where(String sql, List<Object> params) { }
}
