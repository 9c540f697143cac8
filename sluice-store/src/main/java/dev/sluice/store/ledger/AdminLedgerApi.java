package dev.sluice.store.ledger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The admin ledger routes without an HTTP server: the server passes the query parameters and returns the
 * {@link AdminResponse} as it is.
 *
 * <ul>
 *   <li>{@code GET /admin/requests} → {@link #requests}: filters {@code key, team, use_case, model, status, error,
 *       from, to} (ISO-8601 instants or {@code YYYY-MM-DD} UTC dates), {@code limit} (1-1000, default 100),
 *       {@code cursor}; {@code format=json} (default, a page {@code {"data": [...], "next_cursor"}}),
 *       {@code csv} or {@code jsonl} (every matching call, streamed, up to {@code limit} if given)</li>
 *   <li>{@code GET /admin/requests/{id}} → {@link #request}</li>
 *   <li>{@code GET /admin/usage} → {@link #usage}: {@code group_by=key|team|use_case|model|day} (default
 *       {@code model}), the same filters, {@code format=json|csv|jsonl}</li>
 * </ul>
 * Bad parameters answer 400 with a message naming the parameter; unexpected failures answer 500 without details.
 */
public final class AdminLedgerApi {

    private static final Set<String> FILTERS = Set.of("key", "team", "use_case", "model", "status", "error", "from",
            "to", "format");
    private static final int MAX_PAGE = 1000;
    private static final int MAX_EXPORT = 10_000_000;

    private final LedgerQueries queries;

    public AdminLedgerApi(LedgerQueries queries) {
        this.queries = queries;
    }

    public AdminResponse requests(Map<String, String> params) {
        return answer(() -> {
            check(params, "limit", "cursor");
            LedgerFilter filter = filter(params);
            ExportFormat format = ExportFormat.parse(params.get("format"));
            if (format != ExportFormat.JSON) {
                int limit = integer(params, "limit", MAX_EXPORT, MAX_EXPORT);
                return AdminResponse.stream(format.contentType(),
                        out -> queries.exportRequests(filter, limit, format, out));
            }
            LedgerPage page = queries.requests(filter, integer(params, "limit", 100, MAX_PAGE), params.get("cursor"));
            ObjectNode root = Json.object();
            ArrayNode data = root.putArray("data");
            page.rows().forEach(row -> data.add(Json.MAPPER.<ObjectNode>valueToTree(row)));
            root.put("next_cursor", page.nextCursor());
            return AdminResponse.json(200, root);
        });
    }

    public AdminResponse request(String requestId) {
        if (!dev.sluice.store.feedback.RequestIdText.plausible(requestId)) {
            return AdminResponse.error(400, "invalid_request_error", "that is not a request id (1-"
                    + dev.sluice.store.feedback.RequestIdText.MAX_LENGTH + " printable ASCII characters)", "id");
        }
        return answer(() -> queries.request(requestId)
                .map(row -> AdminResponse.json(200, Json.MAPPER.valueToTree(row)))
                .orElseGet(() -> AdminResponse.error(404, "not_found_error",
                        "no call with request id '" + requestId + "' in the ledger", null)));
    }

    public AdminResponse usage(Map<String, String> params) {
        return answer(() -> {
            check(params, "group_by");
            GroupBy groupBy = GroupBy.parse(params.getOrDefault("group_by", "model"));
            ExportFormat format = ExportFormat.parse(params.get("format"));
            List<UsageRow> rows = queries.usage(groupBy, filter(params));
            if (format != ExportFormat.JSON) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                LedgerQueries.exportUsage(rows, groupBy, format, out);
                return new AdminResponse(200, format.contentType(), out.toByteArray(), null);
            }
            ObjectNode root = Json.object();
            root.put("group_by", groupBy.wireName());
            ArrayNode data = root.putArray("data");
            rows.forEach(row -> data.add(Json.MAPPER.<ObjectNode>valueToTree(row.toMap(groupBy))));
            return AdminResponse.json(200, root);
        });
    }

    private interface Action {
        AdminResponse run() throws IOException;
    }

    private static AdminResponse answer(Action action) {
        try {
            return action.run();
        } catch (GatewayException e) {
            GatewayError error = e.error();
            String type = error.status() == 400 ? "invalid_request_error" : "api_error";
            return AdminResponse.error(error.status(), type, error.message(), error.param());
        } catch (IOException | UncheckedIOException e) {
            return AdminResponse.error(500, "api_error", "ledger query failed", null);
        }
    }

    private static void check(Map<String, String> params, String... extra) {
        Set<String> known = new TreeSet<>(FILTERS);
        known.addAll(List.of(extra));
        for (Map.Entry<String, String> p : params.entrySet()) {
            String name = p.getKey();
            if (name.indexOf('\u0000') >= 0 || name.length() > 64) {
                throw GatewayException.invalid("unknown query parameter (known: " + String.join(", ", known) + ")",
                        null);
            }
            if (!known.contains(name)) {
                throw GatewayException.invalid("unknown query parameter '" + name + "' (known: "
                        + String.join(", ", known) + ")", name);
            }
            if (p.getValue() != null && p.getValue().indexOf('\u0000') >= 0) {
                throw GatewayException.invalid("query parameter '" + name + "' must not contain NUL characters",
                        name);
            }
        }
    }

    private static LedgerFilter filter(Map<String, String> params) {
        return new LedgerFilter(params.get("key"), params.get("team"), params.get("use_case"), params.get("model"),
                params.get("status"), params.get("error"), time(params, "from"), time(params, "to"));
    }

    private static Instant time(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant at = null;
        try {
            at = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (java.time.DateTimeException e) {
            // answered below
        }
        if (at == null || !storable(at)) {
            throw GatewayException.invalid(name + " must be an ISO-8601 instant (2026-01-31T12:00:00Z) or a date "
                    + "(2026-01-31) between the years 1 and 9999", name);
        }
        return at;
    }

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** Within what PostgreSQL's {@code timestamptz} holds, with room: the years 1 to 9999. */
    static boolean storable(Instant at) {
        return !at.isBefore(FIRST) && !at.isAfter(LAST);
    }

    private static int integer(Map<String, String> params, String name, int fallback, int max) {
        String value = params.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw GatewayException.invalid(name + " must be a whole number from 1 to " + max + ", got '" + value + "'",
                name);
    }
}
