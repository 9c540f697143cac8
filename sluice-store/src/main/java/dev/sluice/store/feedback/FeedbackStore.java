package dev.sluice.store.feedback;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.store.ledger.CallById;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Records feedback on calls. Only the key that made a call may give feedback on it. Thread-safe.
 *
 * <p>The ledger is written asynchronously, so feedback sent within a fraction of a second of the call's end may
 * find no row yet: that answers 404 with a message saying to retry.
 */
public final class FeedbackStore {

    private final DataSource dataSource;

    public FeedbackStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores {@code input} from the caller holding {@code callerKeyId}.
     *
     * @throws GatewayException {@code NOT_FOUND} when the call is not in the ledger, {@code PERMISSION_DENIED} when
     *         another key made it, {@code INTERNAL} when the database fails
     */
    public Feedback record(FeedbackInput input, String callerKeyId) {
        try (Connection c = dataSource.getConnection()) {
            checkOwnership(c, input.requestId(), callerKeyId);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO feedback (request_id, score, label, comment, correction, key_id)
                    VALUES (?, ?, ?, ?, ?, ?) RETURNING id, created_at""")) {
                ps.setString(1, input.requestId());
                ps.setBigDecimal(2, input.score());
                ps.setString(3, input.label());
                ps.setString(4, input.comment());
                ps.setString(5, input.correction());
                ps.setString(6, callerKeyId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Feedback(rs.getLong(1), input.requestId(), input.score(), input.label(),
                            input.comment(), input.correction(), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            callerKeyId);
                }
            }
        } catch (SQLException e) {
            throw new GatewayException(GatewayError.of(ErrorType.INTERNAL,
                    "feedback could not be stored (database error " + e.getSQLState() + ")"), e);
        }
    }

    private static void checkOwnership(Connection c, String requestId, String callerKeyId) throws SQLException {
        CallById byId = CallById.of("", requestId);
        try (PreparedStatement ps = c.prepareStatement("SELECT key_id FROM ledger WHERE " + byId.sql() + " LIMIT 1")) {
            byId.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new GatewayException(new GatewayError(ErrorType.NOT_FOUND, 404, "no call with request_id '"
                            + requestId + "' in the ledger (a call just finished may take a second to appear; retry)",
                            null, null, "request_id"));
                }
                if (!Objects.equals(rs.getString(1), callerKeyId)) {
                    throw new GatewayException(new GatewayError(ErrorType.PERMISSION_DENIED, 403,
                            "feedback on request '" + requestId + "' can only be given with the key that made it",
                            null, null, "request_id"));
                }
            }
        }
    }

    /** Feedback given on {@code requestId}, oldest first. */
    public List<Feedback> forRequest(String requestId) {
        List<Feedback> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, request_id, score, label, comment, correction, created_at, key_id FROM feedback "
                        + "WHERE request_id = ? ORDER BY id")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Feedback(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant(),
                            rs.getString(8)));
                }
            }
        } catch (SQLException e) {
            throw new GatewayException(GatewayError.of(ErrorType.INTERNAL,
                    "feedback could not be read (database error " + e.getSQLState() + ")"), e);
        }
        return result;
    }
}
