package dev.sluice.store.evals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.store.Storage;
import dev.sluice.store.StorageConfig;
import dev.sluice.store.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Against the cluster PostgreSQL on 127.0.0.1:5432, in a schema of this class's own that is dropped at the end. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvalRunRepositoryTest {

    private final String schema = "t_evalruns_" + UUID.randomUUID().toString().substring(0, 8);
    private Storage storage;
    private EvalRunRepository repo;

    @BeforeAll
    void open(@TempDir Path tmp) {
        storage = Storage.open(StorageConfig.cluster(TestDatabases.CLUSTER_URL, tmp).withSchema(schema));
        repo = new EvalRunRepository(storage.dataSource());
    }

    @AfterAll
    void close() throws Exception {
        if (storage != null) {
            storage.close();
        }
        try (Connection c = DriverManager.getConnection(TestDatabases.CLUSTER_JDBC); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static String id() {
        return "run-" + UUID.randomUUID();
    }

    @Test
    void aManifestIsKeptAsSentAndReplacedOnResume() {
        String run = id();
        assertThat(repo.manifest(run)).isEmpty();
        String first = "{\"runId\":\"%s\",\"targets\":{\"zeta\":{},\"alpha\":{}},\"finishedAt\":null}".formatted(run);
        repo.saveManifest(run, first);
        assertThat(repo.manifest(run)).contains(first);
        String second = first.replace("null", "\"2026-01-01T00:00:00Z\"");
        repo.saveManifest(run, second);
        assertThat(repo.manifest(run)).contains(second);
    }

    @Test
    void resultsComeBackInAppendOrderAndOnlyForAnExistingRun() {
        String run = id();
        assertThat(repo.appendResult(run, "{\"caseId\":\"c0\"}")).isFalse();
        repo.saveManifest(run, "{\"runId\":\"%s\"}".formatted(run));
        for (int i = 0; i < 5; i++) {
            assertThat(repo.appendResult(run, "{\"caseId\":\"c" + i + "\",\"scores\":{\"b\":1,\"a\":2}}")).isTrue();
        }
        assertThat(repo.results(run)).containsExactly(IntStream.range(0, 5)
                .mapToObj(i -> "{\"caseId\":\"c" + i + "\",\"scores\":{\"b\":1,\"a\":2}}").toArray(String[]::new));
        assertThat(repo.results(id())).isEmpty();
    }

    @Test
    void concurrentAppendsAreAllKept() throws Exception {
        String run = id();
        repo.saveManifest(run, "{}");
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> done = IntStream.range(0, 40)
                    .mapToObj(i -> pool.submit(() -> repo.appendResult(run, "{\"i\":" + i + "}"))).toList();
            for (Future<Boolean> f : done) {
                assertThat(f.get()).isTrue();
            }
        }
        assertThat(repo.results(run)).hasSize(40);
    }

    @Test
    void theListIsNewestFirst() throws Exception {
        String older = id();
        String newer = id();
        repo.saveManifest(older, "{\"runId\":\"%s\"}".formatted(older));
        Thread.sleep(5);
        repo.saveManifest(newer, "{\"runId\":\"%s\"}".formatted(newer));
        List<String> all = repo.list();
        assertThat(all).contains("{\"runId\":\"%s\"}".formatted(older), "{\"runId\":\"%s\"}".formatted(newer));
        assertThat(all.indexOf("{\"runId\":\"%s\"}".formatted(newer)))
                .isLessThan(all.indexOf("{\"runId\":\"%s\"}".formatted(older)));
    }

    @Test
    void textThatIsNotJsonIsAnInvalidRequest() {
        assertThatThrownBy(() -> repo.saveManifest(id(), "{not json"))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().type()).isEqualTo(ErrorType.INVALID_REQUEST));
    }
}
