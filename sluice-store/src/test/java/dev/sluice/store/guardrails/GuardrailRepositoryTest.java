package dev.sluice.store.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.error.GatewayException;
import dev.sluice.store.Storage;
import dev.sluice.store.StorageConfig;
import dev.sluice.store.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Against the cluster PostgreSQL on 127.0.0.1:5432, in a schema of this class's own that is dropped at the end. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuardrailRepositoryTest {

    private final String schema = "t_guardrails_" + UUID.randomUUID().toString().substring(0, 8);
    private Storage storage;
    private GuardrailRepository repo;

    @BeforeAll
    void open(@TempDir Path tmp) {
        storage = Storage.open(StorageConfig.cluster(TestDatabases.CLUSTER_URL, tmp).withSchema(schema));
        repo = new GuardrailRepository(storage.dataSource());
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

    private interface Write {
        void run(Connection c) throws SQLException;
    }

    private void tx(Write w) throws SQLException {
        try (Connection c = storage.dataSource().getConnection()) {
            w.run(c);
        }
    }

    @Test
    void versionsAreNumberedCopiesOfTheDraftAndNumbersAreNeverReused() throws SQLException {
        String id = "g" + UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        tx(c -> GuardrailRepository.insert(c, id, id, "{\"name\":\"" + id + "\",\"description\":\"d0\"}", "tok-"
                + id, t0));
        assertThat(repo.idForRequestToken("tok-" + id)).contains(id);
        int[] v = new int[3];
        tx(c -> v[0] = GuardrailRepository.snapshot(c, id, null, t0.plusSeconds(1)));
        tx(c -> GuardrailRepository.update(c, id, id, "{\"name\":\"" + id + "\",\"description\":\"d1\"}",
                t0.plusSeconds(2)));
        tx(c -> v[1] = GuardrailRepository.snapshot(c, id, "the second", t0.plusSeconds(3)));
        assertThat(v[0]).isEqualTo(1);
        assertThat(v[1]).isEqualTo(2);
        assertThat(repo.find(id, "1").orElseThrow().definition()).contains("d0");
        assertThat(repo.find(id, "2").orElseThrow().definition()).contains("the second").doesNotContain("d1");
        assertThat(repo.find(id, "DRAFT").orElseThrow().definition()).contains("d1");
        assertThat(repo.find(id, "DRAFT").orElseThrow().updatedAt()).isEqualTo(t0.plusSeconds(2));

        tx(c -> assertThat(GuardrailRepository.deleteVersion(c, id, 2)).isTrue());
        tx(c -> v[2] = GuardrailRepository.snapshot(c, id, null, t0.plusSeconds(4)));
        assertThat(v[2]).as("a deleted number is not given again").isEqualTo(3);
        assertThat(repo.versions(id)).extracting(StoredGuardrail::version).containsExactly("DRAFT", "1", "3");

        tx(c -> assertThat(GuardrailRepository.delete(c, id)).isTrue());
        assertThat(repo.versions(id)).isEmpty();
        assertThat(repo.find(id, "1")).isEmpty();
        tx(c -> assertThat(GuardrailRepository.snapshot(c, id, null, t0)).isZero());
    }

    @Test
    void aTakenNameIsA409() throws SQLException {
        String name = "n" + UUID.randomUUID().toString().substring(0, 8);
        tx(c -> GuardrailRepository.insert(c, name + "a", name, "{}", null, Instant.now()));
        assertThatThrownBy(() -> tx(c -> GuardrailRepository.insert(c, name + "b", name, "{}", null, Instant.now())))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().status()).isEqualTo(409));
    }
}
