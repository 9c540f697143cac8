package dev.sluice.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open database, composed of three parts in this order: where the database runs (an {@link EmbeddedDatabase} in
 * the data folder, or a cluster at {@link StorageConfig#url()}), the {@link ConnectionPool} to it, and the
 * {@link Migrations} that bring its schema to the newest version. It does none of their work itself: it opens them in
 * that order and closes them in reverse.
 *
 * <p>Thread-safe. {@link #open} does all the work (start, connect, migrate) and fails with a
 * {@link GatewayException} of type {@link ErrorType#INTERNAL} saying what could not be done, having closed whatever
 * part it had opened. {@link #close} closes the services registered with {@link #closeFirst} (newest first), then the
 * pool, then stops the embedded server.
 *
 * <p>The embedded server is stopped by this class's own JVM shutdown hook, which closes the whole storage in that
 * order, and not by the library's hook: that one stopped PostgreSQL while another hook was still draining the ledger
 * into it, so a stopping node journaled its last rows instead of writing them. A caller that owns the stop opens with
 * {@code open(config, false)} and gets no hook.
 */
public final class Storage implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);

    private final StorageConfig config;
    private final EmbeddedDatabase embedded;
    private final HikariDataSource pool;
    private final String description;
    private final Deque<AutoCloseable> dependents = new ArrayDeque<>();
    private final Thread shutdownHook;
    private boolean closed;

    private Storage(StorageConfig config, EmbeddedDatabase embedded, HikariDataSource pool, String description,
                    boolean hook) {
        this.config = config;
        this.embedded = embedded;
        this.pool = pool;
        this.description = description;
        this.shutdownHook = embedded == null || !hook ? null : Thread.ofPlatform().name("sluice-storage-shutdown")
                .unstarted(this::close);
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** Starts (embedded mode) or connects to (cluster mode) the database and migrates it; stops it at JVM exit. */
    public static Storage open(StorageConfig config) {
        return open(config, true);
    }

    /**
     * As {@link #open(StorageConfig)}; with {@code shutdownHook} false the caller owns the stop (it calls
     * {@link #close} in its own order) and no JVM shutdown hook is registered.
     */
    public static Storage open(StorageConfig config, boolean shutdownHook) {
        EmbeddedDatabase embedded = null;
        HikariDataSource pool = null;
        try {
            Files.createDirectories(config.dataDir());
            String where;
            if (config.embeddedMode()) {
                embedded = EmbeddedDatabase.start(config, config.dataDir());
                pool = ConnectionPool.open(config, embedded.jdbcUrl(), embedded.user(), embedded.password());
                where = "embedded PostgreSQL %s in " + config.dataDir();
            } else {
                DatabaseUrl url = DatabaseUrl.parse(config.url());
                pool = ConnectionPool.open(config, url.jdbcUrl(), url.user(), url.password());
                where = "cluster PostgreSQL %s at " + url.display();
            }
            Migrations.apply(pool, config.schema());
            String description = "storage: " + where.formatted(majorVersion(pool))
                    + (config.schema() == null ? "" : " (schema " + config.schema() + ")");
            return new Storage(config, embedded, pool, description, shutdownHook);
        } catch (IOException | SQLException | RuntimeException e) {
            closeQuietly(pool, embedded);
            throw openFailure(config, e);
        }
    }

    /** Gateway and config errors as they are (they say what is wrong); anything else says what could not be opened. */
    private static RuntimeException openFailure(StorageConfig config, Exception e) {
        if (e instanceof GatewayException || e instanceof ConfigException) {
            return (RuntimeException) e;
        }
        String target = config.embeddedMode() ? "embedded PostgreSQL in " + config.dataDir()
                : "PostgreSQL at " + DatabaseUrl.redact(config.url());
        return new GatewayException(GatewayError.of(ErrorType.INTERNAL,
                "cannot open storage (" + target + "): " + RootCause.message(e)), e);
    }

    private static String majorVersion(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The pooled data source; borrowed connections must be closed by the borrower. */
    public DataSource dataSource() { return pool; }

    public StorageConfig config() { return config; }

    /** The folder for local journals, {@code <data>/journal}; created on demand by its users. */
    public Path journalDir() { return config.dataDir().resolve("journal"); }

    /** One line for the start-up log: mode, version and where the data lives (never credentials). */
    public String describe() { return description; }

    @Override
    public String toString() { return description; }

    /**
     * Has {@code service} (a writer into this database) closed before the database closes, whichever closes it: the
     * owner or the JVM's shutdown. Closing it twice must be harmless.
     */
    public synchronized void closeFirst(AutoCloseable service) {
        dependents.push(service);
    }

    /** Closes the services registered with {@link #closeFirst}, newest first, once; the database stays open. */
    public void closeDependents() {
        while (true) {
            AutoCloseable service;
            synchronized (this) {
                if (dependents.isEmpty()) {
                    return;
                }
                service = dependents.pop();
            }
            try {
                service.close();
            } catch (Exception e) {
                LOG.warn("storage: closing {} failed: {}", service, e.toString());
            }
        }
    }

    /**
     * Closes the registered services (as {@link #closeDependents}, holding this storage's lock throughout), the pool
     * and the embedded server, once; later calls return at once.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeDependents();
        closeQuietly(pool, embedded);
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping: the hook will find the storage closed
            }
        }
    }

    private static void closeQuietly(HikariDataSource pool, EmbeddedDatabase embedded) {
        if (pool != null) {
            pool.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
