package dev.sluice.store;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL that embedded mode runs in the data folder ({@code <data>/pg}), started and stopped with Sluice.
 *
 * <p><b>Nobody else gets in.</b> The server listens on localhost TCP only (no Unix socket in {@code /tmp}), and every
 * connection needs a password (SCRAM): the superuser's and Sluice's own role's passwords are generated on first start
 * and kept in {@code <data>/secrets/postgres.properties}, readable by the owner only. Sluice connects as
 * {@value #ROLE}, a role that owns its tables and nothing else: no superuser, so no {@code COPY ... PROGRAM} and no
 * server files. A data folder made by an older Sluice (trust authentication, everything owned by the superuser) is
 * converted on its first start.
 *
 * <p><b>It does not outlive Sluice.</b> A watchdog process holds a pipe from the JVM; when the JVM ends for any reason
 * ({@code kill -9} included) the pipe closes and the watchdog asks the server for a fast shutdown. A server still
 * running from an earlier Sluice on this folder (the watchdog was killed too) is found on start and stopped before a
 * new one starts, and the log says so. A lock on {@code <data>/sluice.lock} keeps two live Sluices off one folder.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String ROLE = "sluice";
    static final String SUPERUSER = "postgres";
    private static final Duration LEFTOVER_STOP_WAIT = Duration.ofSeconds(30);
    private static final String HBA = """
            # Written by Sluice: password (SCRAM) authentication only, over localhost TCP; no Unix socket.
            host    all             all             127.0.0.1/32            scram-sha-256
            host    all             all             ::1/128                 scram-sha-256
            local   all             all                                     scram-sha-256
            """;

    private final EmbeddedPostgres server;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Process watchdog;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres server, FileChannel lockChannel, FileLock lock, Process watchdog,
                             String password) {
        this.server = server;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.watchdog = watchdog;
        this.password = password;
    }

    int port() { return server.getPort(); }

    String user() { return ROLE; }

    String password() { return password; }

    String jdbcUrl() { return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres"; }

    /** Locks the data folder, stops a leftover server, starts ours, secures it and watches it. */
    static EmbeddedDatabase start(StorageConfig config, Path dataDir) throws IOException, SQLException {
        Files.createDirectories(dataDir);
        FileChannel channel = FileChannel.open(dataDir.resolve("sluice.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new GatewayException(GatewayError.of(ErrorType.INTERNAL, "the data folder " + dataDir
                    + " is in use by another running Sluice; give this one its own folder (--data DIR)"));
        }
        EmbeddedPostgres server = null;
        Process watchdog = null;
        try {
            Path pg = dataDir.resolve("pg");
            stopLeftover(pg);
            Credentials credentials = Credentials.load(dataDir.resolve("secrets"));
            boolean fresh = !Files.exists(pg.resolve("PG_VERSION"));
            Path pwfile = null;
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pg)
                    .setCleanDataDirectory(false)
                    // zonky's defaults suit throwaway test databases (fsync and synchronous_commit off). This one keeps
                    // the user's data, and the ledger forgets a row once its commit returns: a commit must be on disk.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "") // no socket anyone on the machine can reach
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setConnectConfig("password", credentials.superuser)
                    .setRegisterShutdownHook(false); // Storage's hook stops it after the ledger has drained
            if (fresh) {
                // initdb's own options: zonky passes these as --key=value after its "-A trust", which they override
                pwfile = credentials.dir.resolve("initdb-password");
                SecretFiles.write(pwfile, credentials.superuser + "\n");
                builder.setLocaleConfig("auth-host", "scram-sha-256")
                        .setLocaleConfig("auth-local", "scram-sha-256")
                        .setLocaleConfig("pwfile", pwfile.toString());
            }
            if (config.port() > 0) {
                builder.setPort(config.port());
            }
            try {
                server = builder.start();
            } finally {
                if (pwfile != null) {
                    Files.deleteIfExists(pwfile);
                }
            }
            secure(server, pg, credentials);
            watchdog = watch(pg);
            return new EmbeddedDatabase(server, channel, lock, watchdog, credentials.sluice);
        } catch (IOException | SQLException | RuntimeException e) {
            if (server != null) {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // going down anyway
                }
            }
            if (watchdog != null) {
                watchdog.destroy();
            }
            lock.release();
            channel.close();
            throw e;
        }
    }

    /**
     * Sets both passwords, makes {@value #ROLE} the owner of every table, and (for a folder from an older Sluice)
     * replaces trust authentication with passwords. Idempotent; the superuser connection is the only one it uses.
     */
    private static void secure(EmbeddedPostgres server, Path pg, Credentials credentials)
            throws SQLException, IOException {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD " + quote(credentials.superuser));
            s.execute("""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                        CREATE ROLE %1$s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
                      END IF;
                    END $$""".formatted(ROLE));
            s.execute("ALTER ROLE " + ROLE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS "
                    + "PASSWORD " + quote(credentials.sluice));
            s.execute("GRANT CREATE, CONNECT, TEMPORARY ON DATABASE postgres TO " + ROLE);
            // everything Sluice made as the superuser in older folders passes to its own role
            s.execute("""
                    DO $$ DECLARE r record; BEGIN
                      FOR r IN SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema')
                               AND nspname NOT LIKE 'pg\\_%%' AND pg_get_userbyid(nspowner) <> '%1$s' LOOP
                        EXECUTE format('ALTER SCHEMA %%I OWNER TO %1$s', r.nspname);
                      END LOOP;
                      FOR r IN SELECT n.nspname, c.relname, c.relkind FROM pg_class c
                               JOIN pg_namespace n ON n.oid = c.relnamespace
                               WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%%'
                               AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND pg_get_userbyid(c.relowner) <> '%1$s'
                               AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                               AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
                               ORDER BY c.relkind = 'S' LOOP
                        EXECUTE format('ALTER %%s %%I.%%I OWNER TO %1$s',
                          CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                                         WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, r.nspname, r.relname);
                      END LOOP;
                    END $$""".formatted(ROLE));
            Path hba = pg.resolve("pg_hba.conf");
            if (!Files.readString(hba).equals(HBA)) {
                boolean trusted = Files.readAllLines(hba).stream().map(String::strip)
                        .anyMatch(l -> !l.startsWith("#") && l.matches(".*\\btrust\\b.*"));
                Files.writeString(hba, HBA);
                try (var rs = s.executeQuery("SELECT pg_reload_conf()")) {
                    rs.next();
                }
                if (trusted) {
                    LOG.warn("storage: the embedded PostgreSQL in {} let anyone on this machine in as its superuser "
                            + "(trust authentication); it now asks for passwords, kept in {}", pg,
                            credentials.file);
                }
            }
        }
    }

    private static String quote(String literal) {
        return "'" + literal.replace("'", "''") + "'";
    }

    /**
     * A server from an earlier Sluice still running on this folder (its JVM was killed and its watchdog with it):
     * stopped, with a line saying so. A stale pid file with no server behind it is left to PostgreSQL, which ignores it.
     */
    private static void stopLeftover(Path pg) throws IOException {
        Path pidFile = pg.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (handle.isEmpty()) {
            return;
        }
        String port = lines.size() > 3 ? lines.get(3).strip() : "?";
        LOG.warn("storage: the embedded PostgreSQL of an earlier Sluice on this data folder is still running "
                + "(pid {}, port {}), its Sluice having stopped without stopping it; stopping it before starting "
                + "anew", pid, port);
        signal("INT", pid); // fast shutdown: rolls back open transactions, writes a checkpoint
        try {
            if (!handle.get().onExit().get(LEFTOVER_STOP_WAIT.toSeconds(), TimeUnit.SECONDS).isAlive()) {
                LOG.info("storage: the earlier embedded PostgreSQL (pid {}) stopped", pid);
                return;
            }
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // falls through to the error
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new GatewayException(GatewayError.of(ErrorType.INTERNAL, "the embedded PostgreSQL of an earlier "
                + "Sluice (pid " + pid + ") on " + pg + " did not stop within " + LEFTOVER_STOP_WAIT.toSeconds()
                + " s; stop it (kill -INT " + pid + ") and start Sluice again"));
    }

    private static void signal(String name, long pid) throws IOException {
        try {
            new ProcessBuilder("/bin/sh", "-c", "kill -" + name + " " + pid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The watchdog: a shell that reads a pipe from this JVM until it closes (this JVM ended, however), then asks
     * the server it was started for a fast shutdown, if the pid file still names it. Null where there is no
     * {@code /bin/sh}.
     */
    private static Process watch(Path pg) throws IOException {
        Path sh = Path.of("/bin/sh");
        if (!Files.isExecutable(sh)) {
            LOG.warn("storage: no /bin/sh, so the embedded PostgreSQL will outlive a killed Sluice (a restart stops it)");
            return null;
        }
        String pid = Files.readAllLines(pg.resolve("postmaster.pid")).get(0).strip();
        String script = "cat >/dev/null 2>&1; "
                + "[ \"$(head -n 1 \"$1/postmaster.pid\" 2>/dev/null)\" = \"$2\" ] && kill -INT \"$2\"";
        return new ProcessBuilder(sh.toString(), "-c", script, "sluice-pg-watchdog", pg.toString(), pid)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Stops the server (fast shutdown), then the watchdog, then lets go of the data folder. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("storage: stopping the embedded PostgreSQL: {}", e.toString());
        }
        if (watchdog != null) {
            try (OutputStream in = watchdog.getOutputStream()) {
                in.flush(); // closing its input ends it; the server is gone, so it has nothing to stop
            } catch (IOException ignored) {
                // already gone
            }
            try {
                if (!watchdog.waitFor(5, TimeUnit.SECONDS)) {
                    watchdog.destroy();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }

    /** The generated passwords, in a file only the owner can read. */
    private record Credentials(Path dir, Path file, String superuser, String sluice) {

        static Credentials load(Path dir) throws IOException {
            SecretFiles.ownerOnlyFolder(dir);
            Path file = dir.resolve("postgres.properties");
            Properties p = new Properties();
            if (Files.exists(file)) {
                try (var in = Files.newBufferedReader(file)) {
                    p.load(in);
                }
            }
            boolean changed = false;
            for (String key : new String[] {"superuser.password", "sluice.password"}) {
                if (p.getProperty(key, "").isBlank()) {
                    p.setProperty(key, generate());
                    changed = true;
                }
            }
            if (changed) {
                java.io.StringWriter text = new java.io.StringWriter();
                p.store(text, "Passwords of the embedded PostgreSQL (generated by Sluice; keep this file private)");
                SecretFiles.write(file, text.toString());
            }
            SecretFiles.ownerOnly(file);
            return new Credentials(dir, file, p.getProperty("superuser.password"), p.getProperty("sluice.password"));
        }

        private static String generate() {
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }
}
