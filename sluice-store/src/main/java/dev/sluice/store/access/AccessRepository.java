package dev.sluice.store.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import java.io.IOException;
import dev.sluice.store.internal.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Teams, use cases and virtual keys in the database. Reads take a connection from the pool; writes run on the
 * caller's connection, inside the audit log's transaction ({@code AuditLog.append(..., change)}), and return false when
 * there was nothing to change. Thread-safe. A write that breaks a rule of the schema (a duplicate name, a team that
 * still has use cases or keys) is a {@link GatewayException} of type INVALID_REQUEST saying which.
 */
public final class AccessRepository {

    private static final String GRANT = "models, limits::text, budget::text, metadata::text";
    private static final String TEAM = "SELECT id, name, description, owner, " + GRANT
            + ", created_at, updated_at FROM teams";
    private static final String USE_CASE = "SELECT id, team_id, name, description, owner, " + GRANT
            + ", created_at, updated_at FROM use_cases";
    private static final String KEY = "SELECT id, name, prefix, secret_sha256, previous_sha256, previous_valid_until,"
            + " team_id, use_case_id, environment, " + GRANT + ", expires_at, created_at, updated_at, revoked_at,"
            + " access_key_id, secret_sealed, previous_access_key_id, previous_secret_sealed, guardrail_id,"
            + " guardrail_version FROM virtual_keys";

    private final DataSource dataSource;

    public AccessRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    // ---- reads

    public List<Team> teams() {
        return query(TEAM + " ORDER BY name", AccessRepository::team);
    }

    /** A team by id or by name. */
    public Optional<Team> team(String idOrName) {
        return query(TEAM + " WHERE id = ? OR name = ?", AccessRepository::team, idOrName, idOrName).stream()
                .findFirst();
    }

    public List<UseCase> useCases() {
        return query(USE_CASE + " ORDER BY team_id, name", AccessRepository::useCase);
    }

    public Optional<UseCase> useCase(String id) {
        return query(USE_CASE + " WHERE id = ?", AccessRepository::useCase, id).stream().findFirst();
    }

    public List<VirtualKey> keys() {
        return query(KEY + " ORDER BY created_at DESC, id", AccessRepository::key);
    }

    public Optional<VirtualKey> key(String id) {
        return query(KEY + " WHERE id = ?", AccessRepository::key, id).stream().findFirst();
    }

    /** Keys changed at or after {@code since} (revocations and rotations included): what a cache must refresh. */
    public List<VirtualKey> keysChangedSince(Instant since) {
        return query(KEY + " WHERE updated_at >= ? ORDER BY updated_at", AccessRepository::key,
                Timestamp.from(since));
    }

    // ---- writes, on the audit transaction's connection

    public static boolean insertTeam(Connection c, Team t) throws SQLException {
        return write(c, "INSERT INTO teams (id, name, description, owner, models, limits, budget, metadata,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?)",
                t.id(), t.name(), t.description(), t.owner(), array(c, t.grant().models()),
                text(t.grant().limits()), text(t.grant().budget()), text(t.grant().metadata()),
                Timestamp.from(t.createdAt()), Timestamp.from(t.updatedAt()));
    }

    public static boolean updateTeam(Connection c, Team t) throws SQLException {
        return write(c, "UPDATE teams SET name = ?, description = ?, owner = ?, models = ?, limits = ?::jsonb,"
                + " budget = ?::jsonb, metadata = ?::jsonb, updated_at = ? WHERE id = ?",
                t.name(), t.description(), t.owner(), array(c, t.grant().models()), text(t.grant().limits()),
                text(t.grant().budget()), text(t.grant().metadata()), Timestamp.from(t.updatedAt()), t.id());
    }

    public static boolean deleteTeam(Connection c, String id) throws SQLException {
        return write(c, "DELETE FROM teams WHERE id = ?", id);
    }

    public static boolean insertUseCase(Connection c, UseCase u) throws SQLException {
        return write(c, "INSERT INTO use_cases (id, team_id, name, description, owner, models, limits, budget,"
                + " metadata, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?)",
                u.id(), u.teamId(), u.name(), u.description(), u.owner(), array(c, u.grant().models()),
                text(u.grant().limits()), text(u.grant().budget()), text(u.grant().metadata()),
                Timestamp.from(u.createdAt()), Timestamp.from(u.updatedAt()));
    }

    public static boolean updateUseCase(Connection c, UseCase u) throws SQLException {
        return write(c, "UPDATE use_cases SET name = ?, description = ?, owner = ?, models = ?, limits = ?::jsonb,"
                + " budget = ?::jsonb, metadata = ?::jsonb, updated_at = ? WHERE id = ?",
                u.name(), u.description(), u.owner(), array(c, u.grant().models()), text(u.grant().limits()),
                text(u.grant().budget()), text(u.grant().metadata()), Timestamp.from(u.updatedAt()), u.id());
    }

    public static boolean deleteUseCase(Connection c, String id) throws SQLException {
        return write(c, "DELETE FROM use_cases WHERE id = ?", id);
    }

    public static boolean insertKey(Connection c, VirtualKey k) throws SQLException {
        return write(c, "INSERT INTO virtual_keys (id, name, prefix, secret_sha256, team_id, use_case_id,"
                + " environment, models, limits, budget, metadata, expires_at, created_at, updated_at, access_key_id,"
                + " secret_sealed, guardrail_id, guardrail_version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)",
                k.id(), k.name(), k.prefix(), k.secretSha256(), k.teamId(), k.useCaseId(), k.environment(),
                array(c, k.grant().models()), text(k.grant().limits()), text(k.grant().budget()),
                text(k.grant().metadata()), timestamp(k.expiresAt()), Timestamp.from(k.createdAt()),
                Timestamp.from(k.updatedAt()), k.pair() == null ? null : k.pair().accessKeyId(),
                k.pair() == null ? null : k.pair().sealedSecret(), guardrailId(k), guardrailVersion(k));
    }

    /**
     * Changes what a key may do, its guardrail included (not its secret, not its owner); false for no such key or a
     * revoked one.
     */
    public static boolean updateKey(Connection c, VirtualKey k) throws SQLException {
        return write(c, "UPDATE virtual_keys SET name = ?, environment = ?, models = ?, limits = ?::jsonb,"
                + " budget = ?::jsonb, metadata = ?::jsonb, expires_at = ?, guardrail_id = ?, guardrail_version = ?,"
                + " updated_at = ? WHERE id = ? AND revoked_at IS NULL",
                k.name(), k.environment(), array(c, k.grant().models()), text(k.grant().limits()),
                text(k.grant().budget()), text(k.grant().metadata()), timestamp(k.expiresAt()), guardrailId(k),
                guardrailVersion(k), Timestamp.from(k.updatedAt()), k.id());
    }

    private static String guardrailId(VirtualKey k) {
        return k.guardrail() == null ? null : k.guardrail().id();
    }

    private static String guardrailVersion(VirtualKey k) {
        return k.guardrail() == null ? null : k.guardrail().version();
    }

    /** Revokes a key at {@code at}; false for no such key or one already revoked. */
    public static boolean revokeKey(Connection c, String id, Instant at) throws SQLException {
        return write(c, "UPDATE virtual_keys SET revoked_at = ?, updated_at = ? WHERE id = ? AND revoked_at IS NULL",
                Timestamp.from(at), Timestamp.from(at), id);
    }

    /**
     * Gives a key a new secret and key pair (null: none); the old ones keep working until {@code previousValidUntil}
     * (which may be now). False for no such key or a revoked one.
     */
    public static boolean rotateKey(Connection c, String id, byte[] newSha256, String newPrefix, AccessKeyPair pair,
                                    Instant previousValidUntil, Instant at) throws SQLException {
        return write(c, "UPDATE virtual_keys SET previous_sha256 = secret_sha256, previous_valid_until = ?,"
                + " previous_access_key_id = access_key_id, previous_secret_sealed = secret_sealed,"
                + " secret_sha256 = ?, prefix = ?, access_key_id = ?, secret_sealed = ?, updated_at = ?"
                + " WHERE id = ? AND revoked_at IS NULL",
                Timestamp.from(previousValidUntil), newSha256, newPrefix, pair == null ? null : pair.accessKeyId(),
                pair == null ? null : pair.sealedSecret(), Timestamp.from(at), id);
    }

    // ---- rows

    private static Team team(ResultSet rs) throws SQLException {
        return new Team(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), grant(rs, 5),
                instant(rs, 9), instant(rs, 10));
    }

    private static UseCase useCase(ResultSet rs) throws SQLException {
        return new UseCase(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                grant(rs, 6), instant(rs, 10), instant(rs, 11));
    }

    private static VirtualKey key(ResultSet rs) throws SQLException {
        return new VirtualKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getBytes(5),
                instant(rs, 6), pair(rs, 18), pair(rs, 20), rs.getString(7), rs.getString(8), rs.getString(9),
                grant(rs, 10), instant(rs, 14), instant(rs, 15), instant(rs, 16), instant(rs, 17), guardrail(rs, 22));
    }

    /** The key's guardrail in the two columns from {@code at} (id, version), or null. */
    private static dev.sluice.api.access.KeyGuardrail guardrail(ResultSet rs, int at) throws SQLException {
        String id = rs.getString(at);
        return id == null ? null : new dev.sluice.api.access.KeyGuardrail(id, rs.getString(at + 1));
    }

    /** The key pair in the two columns from {@code at} (access key id, sealed secret), or null. */
    private static AccessKeyPair pair(ResultSet rs, int at) throws SQLException {
        String id = rs.getString(at);
        return id == null ? null : new AccessKeyPair(id, rs.getBytes(at + 1));
    }

    /** The grant in the four columns from {@code at}: models, limits, budget, metadata. */
    private static Grant grant(ResultSet rs, int at) throws SQLException {
        Array models = rs.getArray(at);
        return new Grant(models == null ? null : Arrays.asList((String[]) models.getArray()), json(rs.getString(at + 1)),
                json(rs.getString(at + 2)), json(rs.getString(at + 3)));
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : Json.parse(text);
        } catch (IOException e) {
            throw new IllegalStateException("the database holds JSON that does not parse", e);
        }
    }

    private static Instant instant(ResultSet rs, int at) throws SQLException {
        Timestamp t = rs.getTimestamp(at);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp timestamp(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }

    private static String text(JsonNode n) {
        return n == null ? null : Json.text(n);
    }

    private static Array array(Connection c, List<String> values) throws SQLException {
        return values == null ? null : c.createArrayOf("text", values.toArray());
    }

    private <T> List<T> query(String sql, Sql.Row<T> row, Object... params) {
        return Sql.list(dataSource, "access data", sql, row, params);
    }

    private static boolean write(Connection c, String sql, Object... params) throws SQLException {
        return Sql.update(c, AccessRepository::conflict, sql, params);
    }

    /** A broken rule of the schema as the admin caller's error; anything else as it is. */
    private static SQLException conflict(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = switch (state) {
            case "23505" -> "the name is already taken";
            case "23503" -> "it is still in use, or names a team or use case that does not exist";
            default -> null;
        };
        if (message == null) {
            return e;
        }
        throw new GatewayException(new GatewayError(ErrorType.INVALID_REQUEST, 409, message, null, null, null));
    }
}
