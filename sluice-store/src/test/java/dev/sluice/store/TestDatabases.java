package dev.sluice.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The two real databases tests run against: a bundled (embedded) PostgreSQL in a temporary data folder, and the
 * cluster server on 127.0.0.1:5432 (trust auth, database {@code test}) in a schema of its own that is dropped at
 * {@link #close}.
 */
public final class TestDatabases implements AutoCloseable {

    public static final String CLUSTER_URL = "postgresql://postgres@127.0.0.1:5432/test";
    public static final String CLUSTER_JDBC = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private final Storage embedded;
    private final Storage cluster;
    private final String schema;

    private TestDatabases(Storage embedded, Storage cluster, String schema) {
        this.embedded = embedded;
        this.cluster = cluster;
        this.schema = schema;
    }

    /** Opens both; {@code tmp} holds the embedded data folder and both journal folders. */
    public static TestDatabases open(Path tmp, String owner) {
        String schema = ("t_" + owner + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        Storage embedded = Storage.open(StorageConfig.embedded(tmp.resolve("embedded")));
        Storage cluster = Storage.open(StorageConfig.cluster(CLUSTER_URL, tmp.resolve("cluster")).withSchema(schema));
        return new TestDatabases(embedded, cluster, schema);
    }

    public Storage embedded() { return embedded; }

    public Storage cluster() { return cluster; }

    public String clusterSchema() { return schema; }

    public List<Storage> both() { return List.of(embedded, cluster); }

    public Stream<Storage> stream() { return both().stream(); }

    @Override
    public void close() throws SQLException {
        embedded.close();
        cluster.close();
        try (Connection c = DriverManager.getConnection(CLUSTER_JDBC); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
