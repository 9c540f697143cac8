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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends admin changes to a keyed hash chain and verifies it.
 *
 * <p>Each row's hash is an HMAC, under a key the database never holds ({@link AuditKey}), of the previous row's hash
 * and the row's content: an edited row no longer matches its hash, a deleted row breaks the link of the row after it,
 * and neither can be covered up by recomputing hashes without the key. The newest row this node wrote or verified is
 * also kept outside the database ({@link AuditAnchor}), so that removing rows at the end, or all rows, shows too.
 *
 * <p>Appends are serialised across threads and nodes by a transaction-scoped PostgreSQL advisory lock, so each row
 * links to the row committed just before it. Thread-safe.
 */
public final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    /** Advisory lock key for appends ("sluice audit"). */
    private static final long LOCK_KEY = 0x51C3_A0D1_0001L;

    private final DataSource dataSource;
    private final AuditKey key;
    private final AuditAnchor anchor;

    public AuditLog(DataSource dataSource, AuditKey key, AuditAnchor anchor) {
        this.dataSource = dataSource;
        this.key = key;
        this.anchor = anchor;
    }

    /** A change to the database that is audited in the same transaction. */
    @FunctionalInterface
    public interface Change {
        /** Makes the change on {@code c} (in a transaction); false when there was nothing to change. */
        boolean apply(Connection c) throws SQLException;
    }

    /** The key's keyed digest of a text that may hold secrets (for before/after states). */
    public String digest(String text) {
        return key.digest(text);
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
        return append(actor, action, target, before, after, c -> true);
    }

    /**
     * Makes {@code change} and appends its row in one transaction: both are committed, or neither.
     *
     * @return the row, or null when the change said there was nothing to change (nothing is committed)
     */
    public AuditEntry append(String actor, String action, String target, JsonNode before, JsonNode after,
                             Change change) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        AuditEntry entry;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!change.apply(c)) {
                    c.rollback();
                    return null;
                }
                entry = appendLocked(c, actor, action, target, before, after);
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw new GatewayException(GatewayError.of(ErrorType.INTERNAL,
                    "audit log append failed: " + e.getMessage()), e);
        }
        anchor.advance(entry.seq(), entry.hash());
        return entry;
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
        String hash = AuditHash.of(key, prevHash, seq, at, actor, action, target, storedBefore, storedAfter);
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

    /** The newest {@code limit} rows, newest first. */
    public java.util.List<AuditEntry> recent(int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT seq, at, actor, action, target, before::text, "
                     + "after::text, prev_hash, hash FROM audit_log ORDER BY seq DESC LIMIT ?")) {
            ps.setInt(1, limit);
            java.util.List<AuditEntry> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getString(5), json(rs.getString(6)),
                            json(rs.getString(7)), rs.getString(8), rs.getString(9)));
                }
            }
            return out;
        } catch (SQLException | IOException e) {
            throw new GatewayException(GatewayError.of(ErrorType.INTERNAL,
                    "the audit log could not be read: " + e.getMessage()), e);
        }
    }

    /**
     * Checks every row in order, stopping at the first broken one, then that the row this node anchored is still
     * there, unchanged; when all holds, the anchor moves to the newest row.
     */
    public AuditVerification verify() {
        AuditAnchor.Head anchored = anchor.head();
        AuditVerification v = read(rs -> walk(rs, key, anchored));
        if (v.intact() && v.headSeq() > 0) {
            anchor.advance(v.headSeq(), v.headHash());
        }
        return v;
    }

    /**
     * Converts a chain written before the key existed (unkeyed SHA-256) to the keyed one, once: only when this node
     * has anchored nothing yet, the first row does not verify under the key, and the whole chain verifies as it was.
     * Otherwise nothing is changed (a broken chain stays as found, for {@link #verify} to report).
     *
     * @return how many rows were converted
     */
    public long convertUnkeyedChain() {
        if (anchor.head().seq() > 0) {
            return 0;
        }
        AuditVerification keyed = read(rs -> walk(rs, key, AuditAnchor.Head.NONE));
        if (keyed.intact() || keyed.rowsChecked() > 0) {
            return 0;
        }
        AuditVerification old = read(rs -> walk(rs, null, AuditAnchor.Head.NONE));
        if (!old.intact()) {
            LOG.error("audit: the log was written before its hashes were keyed and is broken at seq {} ({}); it is "
                    + "left as found", old.firstBrokenSeq(), old.problem());
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
                }
                long rows = 0;
                String prev = AuditHash.GENESIS;
                long lastSeq = 0;
                try (PreparedStatement read = c.prepareStatement("SELECT seq, at, actor, action, target, "
                        + "before::text, after::text FROM audit_log ORDER BY seq");
                     PreparedStatement write = c.prepareStatement(
                             "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?");
                     ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        long seq = rs.getLong(1);
                        String hash = AuditHash.of(key, prev, seq, rs.getObject(2, OffsetDateTime.class).toInstant(),
                                rs.getString(3), rs.getString(4), rs.getString(5), json(rs.getString(6)),
                                json(rs.getString(7)));
                        write.setString(1, prev);
                        write.setString(2, hash);
                        write.setLong(3, seq);
                        write.addBatch();
                        prev = hash;
                        lastSeq = seq;
                        rows++;
                    }
                    write.executeBatch();
                }
                c.commit();
                anchor.advance(lastSeq, prev);
                LOG.info("audit: {} rows written before the audit log's hashes were keyed verified intact and "
                        + "re-signed with the audit key", rows);
                return rows;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw new GatewayException(GatewayError.of(ErrorType.INTERNAL,
                    "audit log conversion failed: " + e.getMessage()), e);
        }
    }

    @FunctionalInterface
    private interface Walk {
        AuditVerification over(ResultSet rs) throws SQLException, IOException;
    }

    private AuditVerification read(Walk walk) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, at, actor, action, target, before::text, "
                    + "after::text, prev_hash, hash FROM audit_log ORDER BY seq")) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    return walk.over(rs);
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException | IOException e) {
            throw new GatewayException(GatewayError.of(ErrorType.INTERNAL,
                    "audit log verification could not read the log: " + e.getMessage()), e);
        }
    }

    /** Walks the chain under {@code key} (null: the unkeyed hash of older chains) and checks the anchored row. */
    private static AuditVerification walk(ResultSet rs, AuditKey key, AuditAnchor.Head anchored)
            throws SQLException, IOException {
        String expectedPrev = AuditHash.GENESIS;
        long checked = 0;
        long lastSeq = 0;
        boolean anchorSeen = false;
        while (rs.next()) {
            long seq = rs.getLong(1);
            String prevHash = rs.getString(8);
            String hash = rs.getString(9);
            if (!expectedPrev.equals(prevHash)) {
                return broken(checked, seq, "row " + seq + " does not link to the row before it: a row before it "
                        + "was deleted, or its link was edited", expectedPrev, lastSeq, anchored);
            }
            Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
            JsonNode before = json(rs.getString(6));
            JsonNode after = json(rs.getString(7));
            String recomputed = key == null
                    ? AuditHash.legacy(prevHash, seq, at, rs.getString(3), rs.getString(4), rs.getString(5), before,
                            after)
                    : AuditHash.of(key, prevHash, seq, at, rs.getString(3), rs.getString(4), rs.getString(5), before,
                            after);
            if (!recomputed.equals(hash)) {
                return broken(checked, seq, "row " + seq + " was edited: its content no longer matches its hash",
                        expectedPrev, lastSeq, anchored);
            }
            if (seq == anchored.seq()) {
                if (!hash.equals(anchored.hash())) {
                    return broken(checked, seq, "row " + seq + " is not the row this node anchored: the log was "
                            + "replaced from there on", expectedPrev, lastSeq, anchored);
                }
                anchorSeen = true;
            }
            expectedPrev = hash;
            lastSeq = seq;
            checked++;
        }
        if (anchored.seq() > 0 && !anchorSeen) {
            long at = lastSeq < anchored.seq() ? lastSeq + 1 : anchored.seq();
            return broken(checked, at, lastSeq < anchored.seq()
                    ? "rows were removed from the end of the log: it ends at seq " + lastSeq + " but this node saw "
                            + "seq " + anchored.seq() + " written"
                    : "row " + anchored.seq() + ", which this node anchored, is missing", expectedPrev, lastSeq,
                    anchored);
        }
        return new AuditVerification(checked, -1, null, expectedPrev, lastSeq, anchored.seq());
    }

    private static AuditVerification broken(long checked, long seq, String problem, String head, long headSeq,
                                            AuditAnchor.Head anchored) {
        return new AuditVerification(checked, seq, problem, head, headSeq, anchored.seq());
    }

    private static JsonNode json(String text) throws IOException {
        return text == null ? null : Json.parse(text);
    }
}
