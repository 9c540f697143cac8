package dev.sluice.store.evals;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Evaluation runs in the database: a manifest per run id and the run's results in append order, each a JSON document
 * stored as given. Thread-safe; every call is one short transaction, so an appended result is durable on return.
 */
public final class EvalRunRepository {

    private final DataSource dataSource;

    public EvalRunRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static final String SAVE = """
            INSERT INTO eval_runs (run_id, manifest) VALUES (?, ?::json)
            ON CONFLICT (run_id) DO UPDATE SET manifest = EXCLUDED.manifest""";
    private static final String APPEND = """
            INSERT INTO eval_results (run_id, result)
            SELECT run_id, ?::json FROM eval_runs WHERE run_id = ?""";

    /** Records a run, or replaces the manifest of an existing one (its creation time and results stay). */
    public void saveManifest(String runId, String json) {
        update("eval run " + runId + " could not be saved", SAVE, runId, json);
    }

    /** {@link #saveManifest} on the caller's connection (and transaction). */
    public static void saveManifest(Connection c, String runId, String json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SAVE)) {
            bind(ps, runId, json);
            ps.executeUpdate();
        }
    }

    /** {@link #appendResult} on the caller's connection (and transaction). */
    public static boolean appendResult(Connection c, String runId, String json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(APPEND)) {
            bind(ps, json, runId);
            return ps.executeUpdate() == 1;
        }
    }

    public Optional<String> manifest(String runId) {
        List<String> found = query("eval run " + runId + " could not be read",
                "SELECT manifest::text FROM eval_runs WHERE run_id = ?", runId);
        return found.stream().findFirst();
    }

    /**
     * Adds one result to a run.
     *
     * @return false when there is no such run (nothing is stored)
     */
    public boolean appendResult(String runId, String json) {
        return update("a result of eval run " + runId + " could not be stored", APPEND, json, runId) == 1;
    }

    /** The results of a run in the order appended; empty when none (or no such run). */
    public List<String> results(String runId) {
        return query("the results of eval run " + runId + " could not be read",
                "SELECT result::text FROM eval_results WHERE run_id = ? ORDER BY seq", runId);
    }

    /** Every manifest, most recently created first. */
    public List<String> list() {
        return query("eval runs could not be listed",
                "SELECT manifest::text FROM eval_runs ORDER BY created_at DESC, run_id DESC");
    }

    private int update(String failure, String sql, String... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(failure, e);
        }
    }

    private List<String> query(String failure, String sql, String... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure(failure, e);
        }
    }

    private static void bind(PreparedStatement ps, String... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setString(i + 1, args[i]);
        }
    }

    /** Text that is not JSON is the caller's mistake (22P02); anything else is the database's. */
    private static GatewayException failure(String what, SQLException e) {
        if ("22P02".equals(e.getSQLState())) {
            return new GatewayException(GatewayError.of(ErrorType.INVALID_REQUEST, what + ": not valid JSON"), e);
        }
        return new GatewayException(GatewayError.of(ErrorType.INTERNAL,
                what + " (database error " + e.getSQLState() + ")"), e);
    }
}
