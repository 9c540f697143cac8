package dev.sluice.store.ledger;

import dev.sluice.api.event.RequestIds;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;

/**
 * The condition that finds one call in the ledger by its request id. The ledger keeps no index on the id (a btree
 * entry per row cost as much as the row); Sluice's ids carry the millisecond their call started, so the condition
 * also bounds {@code started_at} to the seconds around it, which PostgreSQL reads through the time index (one or two
 * block ranges). An id made elsewhere has no time in it and is looked for in the whole ledger.
 *
 * @param sql the condition, with {@code ?} placeholders
 * @param params its parameters, in order
 */
public record CallById(String sql, List<Object> params) {

    /** How far before and after the id's millisecond a call's {@code started_at} is looked for. */
    static final long BEFORE_MILLIS = 1_000;
    static final long AFTER_MILLIS = 10_000;

    /** @param alias the ledger's alias in the query, with its dot ({@code "l."}), or {@code ""} */
    public static CallById of(String alias, String requestId) {
        OptionalLong millis = RequestIds.startMillis(requestId);
        if (millis.isEmpty()) {
            return new CallById(alias + "request_id = ?", List.of(requestId));
        }
        return new CallById(alias + "request_id = ? AND " + alias + "started_at >= ? AND " + alias + "started_at < ?",
                List.of(requestId, at(millis.getAsLong() - BEFORE_MILLIS), at(millis.getAsLong() + AFTER_MILLIS)));
    }

    /** Binds the parameters from position {@code first} on. */
    public void bind(PreparedStatement ps, int first) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(first + i, params.get(i));
        }
    }

    private static OffsetDateTime at(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC);
    }
}
