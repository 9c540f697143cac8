package dev.sluice.store.guardrails;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.store.internal.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Guardrails in the database. Reads take a connection from the pool; writes run on the caller's connection, inside
 * the audit log's transaction ({@code AuditLog.append(..., change)}), and return false when there was nothing to
 * change. A name that is already taken is a {@link GatewayException} with status 409. Thread-safe.
 */
public final class GuardrailRepository {

    private static final String DRAFTS = "SELECT id, 'DRAFT', definition::text, created_at, updated_at FROM guardrails";
    private static final String VERSIONS = "SELECT guardrail_id, version::text, definition::text, created_at,"
            + " created_at FROM guardrail_versions";
    /** Copies the DRAFT under the next number, with the version's own description when one is given. */
    private static final String SNAPSHOT = """
            WITH g AS (UPDATE guardrails SET next_version = next_version + 1 WHERE id = ?
                       RETURNING id, next_version - 1 AS v, definition)
            INSERT INTO guardrail_versions (guardrail_id, version, definition, created_at)
            SELECT id, v, CASE WHEN ?::text IS NULL THEN definition
                               ELSE jsonb_set(definition, '{description}', to_jsonb(?::text)) END, ?
            FROM g RETURNING version""";

    private final DataSource dataSource;

    public GuardrailRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every guardrail's DRAFT, oldest first. */
    public List<StoredGuardrail> drafts() {
        return query(DRAFTS + " ORDER BY created_at, id");
    }

    /** A guardrail's DRAFT and its numbered versions, in that order; empty when there is no such guardrail. */
    public List<StoredGuardrail> versions(String id) {
        List<StoredGuardrail> out = new ArrayList<>(query(DRAFTS + " WHERE id = ?", id));
        if (!out.isEmpty()) {
            out.addAll(query(VERSIONS + " WHERE guardrail_id = ? ORDER BY version", id));
        }
        return out;
    }

    /** One version ({@code DRAFT} or a number). */
    public Optional<StoredGuardrail> find(String id, String version) {
        if (StoredGuardrail.DRAFT.equals(version)) {
            return query(DRAFTS + " WHERE id = ?", id).stream().findFirst();
        }
        return query(VERSIONS + " WHERE guardrail_id = ? AND version = ?", id, Integer.parseInt(version)).stream()
                .findFirst();
    }

    /** The guardrail that a create with this client request token made, if any. */
    public Optional<String> idForRequestToken(String token) {
        return query(DRAFTS + " WHERE request_token = ?", token).stream().map(StoredGuardrail::id).findFirst();
    }

    // ---- writes, on the audit transaction's connection

    public static boolean insert(Connection c, String id, String name, String definition, String requestToken,
                                 Instant at) throws SQLException {
        return write(c, "INSERT INTO guardrails (id, name, definition, request_token, created_at, updated_at)"
                + " VALUES (?, ?, ?::jsonb, ?, ?, ?)", id, name, definition, requestToken, Timestamp.from(at),
                Timestamp.from(at));
    }

    public static boolean update(Connection c, String id, String name, String definition, Instant at)
            throws SQLException {
        return write(c, "UPDATE guardrails SET name = ?, definition = ?::jsonb, updated_at = ? WHERE id = ?", name,
                definition, Timestamp.from(at), id);
    }

    /**
     * Makes the next numbered version from the DRAFT.
     *
     * @param description the version's own description, or null to keep the DRAFT's
     * @return the new version's number, or 0 when there is no such guardrail
     */
    public static int snapshot(Connection c, String id, String description, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SNAPSHOT)) {
            ps.setString(1, id);
            ps.setString(2, description);
            ps.setString(3, description);
            ps.setTimestamp(4, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Deletes a guardrail and all its versions. */
    public static boolean delete(Connection c, String id) throws SQLException {
        return write(c, "DELETE FROM guardrails WHERE id = ?", id);
    }

    public static boolean deleteVersion(Connection c, String id, int version) throws SQLException {
        return write(c, "DELETE FROM guardrail_versions WHERE guardrail_id = ? AND version = ?", id, version);
    }

    private List<StoredGuardrail> query(String sql, Object... params) {
        return Sql.list(dataSource, "guardrails", sql, rs -> new StoredGuardrail(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()), params);
    }

    private static boolean write(Connection c, String sql, Object... params) throws SQLException {
        return Sql.update(c, e -> {
            if ("23505".equals(e.getSQLState())) {
                throw new GatewayException(new GatewayError(ErrorType.INVALID_REQUEST, 409,
                        "A guardrail with this name already exists.", "name", null, null));
            }
            return e;
        }, sql, params);
    }
}
