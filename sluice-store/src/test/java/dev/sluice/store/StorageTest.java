package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.error.GatewayException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {

    @TempDir
    Path tmp;

    @Test
    void embeddedDataSurvivesARestartInTheSameDataFolder() throws Exception {
        Path data = tmp.resolve("data");
        String marker = UUID.randomUUID().toString();
        try (Storage storage = Storage.open(StorageConfig.embedded(data))) {
            assertThat(storage.describe()).isEqualTo("storage: embedded PostgreSQL 17 in " + data);
            try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO audit_log (at, actor, action, target, prev_hash, hash) "
                        + "VALUES (now(), 'test', 'marker', '" + marker + "', '', '')");
            }
        }
        try (Storage storage = Storage.open(StorageConfig.embedded(data));
             Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_log WHERE target = '" + marker + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }
    }

    @Test
    void theEmbeddedDatabaseCommitsToDisk() throws Exception {
        try (Storage storage = Storage.open(StorageConfig.embedded(tmp.resolve("data")));
             Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('fsync'), current_setting('synchronous_commit'), "
                     + "current_setting('full_page_writes')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("on");
            assertThat(rs.getString(2)).isEqualTo("on");
            assertThat(rs.getString(3)).isEqualTo("on");
        }
    }

    @Test
    void clusterModeSaysWhereTheDatabaseIsWithoutCredentials() throws Exception {
        String schema = "t_storage_" + UUID.randomUUID().toString().substring(0, 8);
        try (Storage storage = Storage.open(StorageConfig.cluster(TestDatabases.CLUSTER_URL, tmp).withSchema(schema))) {
            assertThat(storage.describe()).matches(
                    "storage: cluster PostgreSQL \\d+ at 127\\.0\\.0\\.1:5432/test \\(schema " + schema + "\\)");
        } finally {
            try (Connection c = java.sql.DriverManager.getConnection(TestDatabases.CLUSTER_JDBC)) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void anUnreachableClusterFailsWithAClearMessage() {
        assertThatThrownBy(() -> Storage.open(StorageConfig.cluster("postgresql://u:pw@127.0.0.1:1/none", tmp)))
                .isInstanceOf(GatewayException.class)
                .hasMessageStartingWith("cannot open storage (PostgreSQL at postgresql://u:***@127.0.0.1:1/none)")
                .hasMessageNotContaining("pw@");
    }

    @Test
    void servicesRegisteredToCloseFirstCloseNewestFirstWhileTheDatabaseStillAnswers() throws Exception {
        java.util.List<String> closed = new java.util.ArrayList<>();
        Storage storage = Storage.open(StorageConfig.embedded(tmp.resolve("data")));
        storage.closeFirst(() -> closed.add("writer, database answers: " + answers(storage)));
        storage.closeFirst(() -> closed.add("server, database answers: " + answers(storage)));
        storage.close();
        storage.close(); // a second close (the other shutdown hook) does nothing
        assertThat(closed).containsExactly("server, database answers: true", "writer, database answers: true");
        assertThat(answers(storage)).isFalse();
    }

    private static boolean answers(Storage storage) {
        try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
            return s.execute("SELECT 1");
        } catch (Exception e) {
            return false;
        }
    }
}
