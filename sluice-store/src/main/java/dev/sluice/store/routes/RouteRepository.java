package dev.sluice.store.routes;

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
 * Managed routes in the database. Reads take a connection from the pool. A change runs on the caller's connection,
 * inside the audit log's transaction ({@code AuditLog.append(..., change)}): it first takes the route table's turn
 * ({@link #nextVersion}, a row lock held to the commit, so changes from every node take turns and each sees the
 * others'), reads the routes as they are ({@link #all(Connection)}), and writes. Thread-safe.
 */
public final class RouteRepository {

    private static final String ROUTES = "SELECT name, definition::text, created_at, updated_at FROM managed_routes";

    private final DataSource dataSource;

    public RouteRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every managed route, oldest first. */
    public List<StoredRoute> all() {
        return Sql.list(dataSource, "routes", ROUTES + " ORDER BY created_at, name", RouteRepository::route);
    }

    /** One managed route. */
    public Optional<StoredRoute> find(String name) {
        return Sql.list(dataSource, "routes", ROUTES + " WHERE name = ?", RouteRepository::route, name).stream()
                .findFirst();
    }

    /** The route table's version now: it moves with every change. */
    public long version() {
        return Sql.list(dataSource, "the route table's version", "SELECT version FROM route_table_version",
                rs -> rs.getLong(1)).getFirst();
    }

    // ---- a change, on the audit transaction's connection

    /** Takes the route table's turn until the transaction ends and returns the version the change makes. */
    public static long nextVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE route_table_version SET version = version + 1 WHERE id = 1 RETURNING version");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("route_table_version has no row", "55000");
            }
            return rs.getLong(1);
        }
    }

    /** Every managed route as the transaction sees it, oldest first. */
    public static List<StoredRoute> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ROUTES + " ORDER BY created_at, name");
             ResultSet rs = ps.executeQuery()) {
            List<StoredRoute> out = new ArrayList<>();
            while (rs.next()) {
                out.add(route(rs));
            }
            return out;
        }
    }

    /** Creates or replaces the route of that name; true when it changed a row. */
    public static boolean put(Connection c, String name, String definition, Instant at) throws SQLException {
        return Sql.update(c, e -> e, "INSERT INTO managed_routes (name, definition, created_at, updated_at)"
                + " VALUES (?, ?::jsonb, ?, ?) ON CONFLICT (name) DO UPDATE SET definition = EXCLUDED.definition,"
                + " updated_at = EXCLUDED.updated_at", name, definition, Timestamp.from(at), Timestamp.from(at));
    }

    /** Deletes the route of that name; false when there was none. */
    public static boolean delete(Connection c, String name) throws SQLException {
        return Sql.update(c, e -> e, "DELETE FROM managed_routes WHERE name = ?", name);
    }

    private static StoredRoute route(ResultSet rs) throws SQLException {
        return new StoredRoute(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                rs.getTimestamp(4).toInstant());
    }
}
