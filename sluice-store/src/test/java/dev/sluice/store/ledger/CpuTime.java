package dev.sluice.store.ledger;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * CPU time for {@link LedgerBench}: this JVM's, and the PostgreSQL server's it writes to, read from {@code /proc}
 * (Linux only; 0 elsewhere). The server's includes other clients' work: keep the machine otherwise quiet.
 */
final class CpuTime {

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    private CpuTime() { }

    static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The pid of the PostgreSQL server behind {@code dataSource}: the parent of one of its backends. */
    static long postmaster(DataSource dataSource) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return Long.parseLong(stat(Path.of("/proc", rs.getString(1)))[1]);
        }
    }

    /**
     * CPU time of that server: the postmaster's own, what it collected from exited children (backends, autovacuum
     * workers), and its live children's.
     */
    static long postgresNanos(long postmaster) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(p -> ticks(p, postmaster)).sum() * NANOS_PER_TICK;
        } catch (IOException e) {
            return 0;
        }
    }

    private static long ticks(Path proc, long postmaster) {
        try {
            String[] f = stat(proc);
            long pid = Long.parseLong(proc.getFileName().toString());
            if (pid == postmaster) {
                return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return Long.parseLong(f[1]) == postmaster ? Long.parseLong(f[11]) + Long.parseLong(f[12]) : 0;
        } catch (IOException | RuntimeException e) {
            return 0; // gone meanwhile
        }
    }

    /** The fields of /proc/PID/stat after the command name: [0] is the state, [1] the parent, [11] utime. */
    private static String[] stat(Path proc) throws IOException {
        String stat = Files.readString(proc.resolve("stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
