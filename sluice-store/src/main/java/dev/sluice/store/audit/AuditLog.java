package dev.sluice.store.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Appends admin changes to a hash chain and verifies it.
 *
 * <p>Appends are serialised across threads and nodes by a transaction-scoped PostgreSQL advisory lock, so each row
 * links to the row committed just before it. An edited row no longer matches its hash; a deleted row breaks the link
 * of the row after it. Removal of the newest rows is only visible against a {@link AuditVerification#headHash()}
 * kept elsewhere. Thread-safe.
 */
public final class AuditLog {

    /** Advisory lock key for appends ("sluice audit"). */
    private static final long LOCK_KEY = 0x51C3_A0D1_0001L;

    private final DataSource dataSource;

    public AuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Appends one change and returns the stored row.
     *
     * @param actor who made the change (a user or key id)
     * @param action what was done, e.g. {@code key.create}
     * @param target what it was done to, e.g. {@code key:abc}
     * @param before state before (null for a creation)
     * @param after state after (null for a deletion)
     */
    public AuditEntry append(String actor, String action, String target, JsonNode before, JsonNode after) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                AuditEntry entry = appendLocked(c, actor, action, target, before, after);
                c.commit();
                return entry;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw new GatewayException(GatewayError.of(ErrorType.INTERNAL,
                    "audit log append failed: " + e.getMessage()), e);
        }
    }

    private AuditEntry appendLocked(Connection c, String actor, String action, String target, JsonNode before,
                                    JsonNode after) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
        }
        String prevHash = AuditHash.GENESIS;
        long seq;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1")) {
            if (rs.next()) {
                prevHash = rs.getString(1);
            }
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT nextval(pg_get_serial_sequence('audit_log', 'seq'))")) {
            rs.next();
            seq = rs.getLong(1);
        }
        // hash the JSON as PostgreSQL will store and return it, so that verify() sees the same values
        JsonNode storedBefore = normalise(c, before);
        JsonNode storedAfter = normalise(c, after);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String hash = AuditHash.of(prevHash, seq, at, actor, action, target, storedBefore, storedAfter);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (seq, at, actor, action, target, "
                + "before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setObject(2, at.atOffset(ZoneOffset.UTC));
            ps.setString(3, actor);
            ps.setString(4, action);
            ps.setString(5, target);
            ps.setString(6, storedBefore == null ? null : Json.text(storedBefore));
            ps.setString(7, storedAfter == null ? null : Json.text(storedAfter));
            ps.setString(8, prevHash);
            ps.setString(9, hash);
            ps.executeUpdate();
        }
        return new AuditEntry(seq, at, actor, action, target, storedBefore, storedAfter, prevHash, hash);
    }

    private static JsonNode normalise(Connection c, JsonNode node) throws SQLException, IOException {
        if (node == null || node.isNull()) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT ?::jsonb::text")) {
            ps.setString(1, Json.text(node));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Json.parse(rs.getString(1));
            }
        }
    }

    /** Checks every row in order; stops at the first broken one. */
    public AuditVerification verify() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, at, actor, action, target, before::text, "
                    + "after::text, prev_hash, hash FROM audit_log ORDER BY seq")) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    return walk(rs);
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException | IOException e) {
            throw new GatewayException(GatewayError.of(ErrorType.INTERNAL,
                    "audit log verification could not read the log: " + e.getMessage()), e);
        }
    }

    private static AuditVerification walk(ResultSet rs) throws SQLException, IOException {
        String expectedPrev = AuditHash.GENESIS;
        long checked = 0;
        while (rs.next()) {
            long seq = rs.getLong(1);
            String prevHash = rs.getString(8);
            String hash = rs.getString(9);
            if (!expectedPrev.equals(prevHash)) {
                return new AuditVerification(checked, seq, "row " + seq + " does not link to the row before it: a "
                        + "row before it was deleted, or its link was edited", expectedPrev);
            }
            String recomputed = AuditHash.of(prevHash, seq, rs.getObject(2, OffsetDateTime.class).toInstant(),
                    rs.getString(3), rs.getString(4), rs.getString(5), json(rs.getString(6)), json(rs.getString(7)));
            if (!recomputed.equals(hash)) {
                return new AuditVerification(checked, seq, "row " + seq + " was edited: its content no longer "
                        + "matches its hash", expectedPrev);
            }
            expectedPrev = hash;
            checked++;
        }
        return new AuditVerification(checked, -1, null, expectedPrev);
    }

    private static JsonNode json(String text) throws IOException {
        return text == null ? null : Json.parse(text);
    }
}
