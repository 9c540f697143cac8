package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.error.GatewayException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL lets no one else in: not another user of the machine without the password, not Sluice's
 * own connections as a superuser, and not a folder left from the days of trust authentication.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path tmp;

    private static int port(Storage storage) throws SQLException {
        try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('port')")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Connection connect(int port, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", p);
    }

    @Test
    void noOneGetsInWithoutThePasswordAndSluiceIsNoSuperuser() throws Exception {
        Path data = tmp.resolve("data");
        try (Storage storage = Storage.open(StorageConfig.embedded(data))) {
            int port = port(storage);
            for (String user : new String[] {"postgres", "sluice"}) {
                assertThatThrownBy(() -> connect(port, user, null).close()).as(user + " without a password")
                        .isInstanceOf(SQLException.class).hasMessageContaining("password");
                assertThatThrownBy(() -> connect(port, user, "guess").close()).as(user + " with a wrong one")
                        .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            }
            try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT current_user, rolsuper FROM pg_roles "
                        + "WHERE rolname = current_user")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("sluice");
                    assertThat(rs.getBoolean(2)).as("superuser").isFalse();
                }
                assertThatThrownBy(() -> s.execute("COPY (SELECT 1) TO PROGRAM 'true'"))
                        .hasMessageContaining("permission denied");
                assertThatThrownBy(() -> s.execute("SELECT pg_read_file('postgresql.conf')"))
                        .hasMessageContaining("permission denied");
            }
            Path secrets = data.resolve("secrets/postgres.properties");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.getParent())))
                    .isEqualTo("rwx------");
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(secrets)) {
                p.load(in);
            }
            try (Connection admin = connect(port, "postgres", p.getProperty("superuser.password"));
                 Statement s = admin.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_setting('unix_socket_directories'), "
                         + "current_setting('listen_addresses')")) {
                rs.next();
                assertThat(rs.getString(1)).as("no Unix socket").isEmpty();
                assertThat(rs.getString(2)).isEqualTo("localhost");
            }
        }
    }

    @Test
    void aFolderFromTheDaysOfTrustIsLockedOnItsNextStartAndKeepsItsData() throws Exception {
        Path data = tmp.resolve("data");
        String marker = UUID.randomUUID().toString();
        // what an older Sluice left: zonky's defaults (trust for everyone), its tables owned by the superuser
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data.resolve("pg"))
                .setCleanDataDirectory(false).start()) {
            org.flywaydb.core.Flyway.configure().dataSource(old.getPostgresDatabase())
                    .locations("classpath:db/migration").load().migrate();
            try (Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE old_things (id text)");
                s.execute("INSERT INTO old_things VALUES ('" + marker + "')");
                s.execute("INSERT INTO audit_log (at, actor, action, target, prev_hash, hash) "
                        + "VALUES (now(), 'test', 'marker', '" + marker + "', '', '')");
            }
        }
        assertThat(Files.readString(data.resolve("pg/pg_hba.conf"))).contains("trust");
        try (Storage storage = Storage.open(StorageConfig.embedded(data))) {
            int port = port(storage);
            assertThatThrownBy(() -> connect(port, "postgres", null).close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password");
            try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM old_things")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(marker);
                s.execute("INSERT INTO old_things VALUES ('owned by sluice now')");
                s.execute("INSERT INTO audit_log (at, actor, action, target, prev_hash, hash) "
                        + "VALUES (now(), 'test', 'marker', '" + marker + "', '', '')");
            }
        }
        try (Storage again = Storage.open(StorageConfig.embedded(data));
             Connection c = again.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM old_things")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(2);
        }
    }

    @Test
    void twoSluicesCannotShareADataFolder() {
        Path data = tmp.resolve("data");
        try (Storage first = Storage.open(StorageConfig.embedded(data))) {
            assertThatThrownBy(() -> Storage.open(StorageConfig.embedded(data)).close())
                    .isInstanceOf(GatewayException.class)
                    .hasMessageContaining("is in use by another running Sluice");
            assertThat(first.dataSource()).isNotNull();
        }
    }
}
