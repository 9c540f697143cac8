package dev.sluice.store.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The ledger's daily partitions (UTC days, named {@code ledger_pYYYYMMDD}).
 *
 * <p>Thread-safe and safe across nodes: creation and dropping hold a PostgreSQL advisory lock. Rows of a day without
 * a partition land in {@code ledger_default}; creating that day's partition later moves them into it.
 */
public final class LedgerPartitions {

    /** Advisory lock key for partition maintenance ("sluice ledger partitions"). */
    private static final long LOCK_KEY = 0x51C3_1ED6_0001L;
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;

    private final DataSource dataSource;
    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    public LedgerPartitions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the partitions of {@code from} and the {@code daysAhead} days after it, where missing. */
    public void ensureAhead(LocalDate from, int daysAhead) throws SQLException {
        for (int i = 0; i <= daysAhead; i++) {
            ensureDay(from.plusDays(i));
        }
    }

    /** Creates the partition of {@code day} if it does not exist, moving its rows out of the default partition. */
    public void ensureDay(LocalDate day) throws SQLException {
        if (known.contains(day)) {
            return;
        }
        String name = partitionName(day);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
                if (!exists(c, name)) {
                    String from = bound(day);
                    String to = bound(day.plusDays(1));
                    s.execute("CREATE TEMP TABLE ledger_moving (LIKE ledger) ON COMMIT DROP");
                    s.execute("WITH m AS (DELETE FROM ledger_default WHERE started_at >= '" + from
                            + "' AND started_at < '" + to + "' RETURNING *) INSERT INTO ledger_moving SELECT * FROM m");
                    s.execute("CREATE TABLE " + name + " PARTITION OF ledger FOR VALUES FROM ('" + from + "') TO ('"
                            + to + "')");
                    s.execute("INSERT INTO ledger SELECT * FROM ledger_moving");
                }
                c.commit();
                known.add(day);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Drops the partitions of days before {@code cutoff} and deletes older rows from the default partition.
     *
     * @return the names of the dropped partitions
     */
    public List<String> dropBefore(LocalDate cutoff) throws SQLException {
        List<String> dropped = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
                for (String name : partitions(c)) {
                    LocalDate day = LocalDate.parse(name.substring("ledger_p".length()), SUFFIX);
                    if (day.isBefore(cutoff)) {
                        s.execute("DROP TABLE " + name);
                        known.remove(day);
                        dropped.add(name);
                    }
                }
                s.execute("DELETE FROM ledger_default WHERE started_at < '" + bound(cutoff) + "'");
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        return dropped;
    }

    /** Names of the daily partitions, oldest first. */
    public List<String> list() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return partitions(c);
        }
    }

    private static List<String> partitions(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT child.relname FROM pg_inherits i
                JOIN pg_class child ON child.oid = i.inhrelid
                WHERE i.inhparent = 'ledger'::regclass AND child.relname ~ '^ledger_p[0-9]{8}$'
                ORDER BY child.relname""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static String partitionName(LocalDate day) {
        return "ledger_p" + SUFFIX.format(day);
    }

    private static String bound(LocalDate day) {
        return day + " 00:00:00+00";
    }
}
