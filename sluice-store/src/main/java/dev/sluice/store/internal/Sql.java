package dev.sluice.store.internal;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/** The few JDBC steps the admin repositories share: a read into a list, and a write that may break a schema rule. */
public final class Sql {

    private Sql() { }

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * Every row of {@code sql} with {@code params}, on a connection of its own.
     *
     * @param what what is read, for the error a failed read becomes ({@code "access data"})
     */
    public static <T> List<T> list(DataSource dataSource, String what, String sql, Row<T> row, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new GatewayException(GatewayError.of(ErrorType.INTERNAL, what + " could not be read: "
                    + e.getSQLState()));
        }
    }

    /**
     * Runs a write in the caller's transaction: true when it changed a row. A broken schema rule goes through
     * {@code conflict}, which may turn it into the admin caller's error (or give it back as it is).
     */
    public static boolean update(Connection c, Function<SQLException, SQLException> conflict, String sql,
                                 Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw conflict.apply(e);
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
