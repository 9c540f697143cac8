package dev.sluice.store.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.store.Storage;
import dev.sluice.store.StorageConfig;
import dev.sluice.store.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Managed routes against the cluster PostgreSQL on 127.0.0.1:5432, in a schema of this class's own dropped at the
 * end: stored and replaced by name, the version moving with every change, and changes taking turns.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteRepositoryTest {

    private final String schema = "t_routes_" + UUID.randomUUID().toString().substring(0, 8);
    private Storage storage;
    private RouteRepository repo;

    @BeforeAll
    void open(@TempDir Path tmp) {
        storage = Storage.open(StorageConfig.cluster(TestDatabases.CLUSTER_URL, tmp).withSchema(schema));
        repo = new RouteRepository(storage.dataSource());
    }

    @AfterAll
    void close() throws Exception {
        if (storage != null) {
            storage.close();
        }
        try (Connection c = DriverManager.getConnection(TestDatabases.CLUSTER_JDBC);
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private long change(java.util.function.Function<Connection, Boolean> write) throws SQLException {
        try (Connection c = storage.dataSource().getConnection()) {
            c.setAutoCommit(false);
            long v = RouteRepository.nextVersion(c);
            write.apply(c);
            c.commit();
            return v;
        }
    }

    private static boolean put(Connection c, String name, String json) {
        try {
            return RouteRepository.put(c, name, json, Instant.now());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRouteIsStoredReplacedByNameAndDeletedAndEachChangeMovesTheVersion() throws SQLException {
        long start = repo.version();
        assertThat(change(c -> put(c, "chat", "{\"name\":\"chat\",\"deployments\":[{\"model\":\"a\"}]}")))
                .isEqualTo(start + 1);
        StoredRoute first = repo.find("chat").orElseThrow();
        change(c -> put(c, "chat", "{\"name\":\"chat\",\"deployments\":[{\"model\":\"b\"}]}"));
        StoredRoute second = repo.find("chat").orElseThrow();
        assertThat(second.definition()).contains("\"b\"");
        assertThat(second.createdAt()).isEqualTo(first.createdAt());
        assertThat(repo.all()).extracting(StoredRoute::name).contains("chat");
        assertThat(repo.version()).isEqualTo(start + 2);
        try (Connection c = storage.dataSource().getConnection()) {
            assertThat(RouteRepository.delete(c, "chat")).isTrue();
            assertThat(RouteRepository.delete(c, "chat")).isFalse();
        }
        assertThat(repo.find("chat")).isEmpty();
    }

    @Test
    void aSecondChangeWaitsForTheFirstsTurnAndThenSeesIt() throws Exception {
        try (Connection first = storage.dataSource().getConnection()) {
            first.setAutoCommit(false);
            long mine = RouteRepository.nextVersion(first);
            RouteRepository.put(first, "turns", "{\"name\":\"turns\"}", Instant.now());
            CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
                try (Connection c = storage.dataSource().getConnection()) {
                    c.setAutoCommit(false);
                    RouteRepository.nextVersion(c);
                    boolean sees = RouteRepository.all(c).stream().anyMatch(r -> r.name().equals("turns"));
                    c.rollback();
                    return sees;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitWaitingOnALock(mine);
            assertThat(second).isNotDone();
            first.commit();
            assertThat(second.get(10, TimeUnit.SECONDS)).as("the second change sees the first's route").isTrue();
        }
    }

    /** Waits until a session of this schema waits on a lock (the second change, blocked by the first's turn). */
    private void awaitWaitingOnALock(long version) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection c = DriverManager.getConnection(TestDatabases.CLUSTER_JDBC);
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type"
                     + " = 'Lock' AND query LIKE '%route_table_version%'")) {
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                assertThat(System.nanoTime()).as("a change waits for version " + version + "'s turn")
                        .isLessThan(deadline);
                Thread.onSpinWait();
            }
        }
    }
}
