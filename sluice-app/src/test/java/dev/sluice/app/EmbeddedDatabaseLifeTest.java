package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL lives and dies with its Sluice: a {@code kill -9} of Sluice stops it, and one left running
 * anyway (its watchdog killed too) is found and stopped by the next start, which then serves.
 */
class EmbeddedDatabaseLifeTest {

    private static final String YAML = "server: {port: 0, host: 127.0.0.1, master_key: " + RunningSluice.KEY + "}\n"
            + "providers: [{id: sim, type: simulator}]\n"
            + "models: [{name: sim-echo, provider: sim, options: {reply: echo}}]\n";

    @TempDir
    Path dir;

    private long postmaster() throws Exception {
        return Long.parseLong(Files.readAllLines(dir.resolve("data/pg/postmaster.pid")).get(0).strip());
    }

    private static boolean stops(long pid) throws Exception {
        var handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return true;
        }
        try {
            handle.get().onExit().get(30, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException stillRunning) {
            return false;
        }
    }

    @Test
    void aKilledSluiceTakesItsDatabaseWithIt() throws Exception {
        ChildSluice child = ChildSluice.start(dir, YAML, "");
        long pg = postmaster();
        assertThat(ProcessHandle.of(pg)).as("the embedded PostgreSQL runs").isPresent();
        child.kill();
        assertThat(stops(pg)).as("the embedded PostgreSQL stopped after its Sluice was killed").isTrue();
        try (ChildSluice again = ChildSluice.start(dir, YAML, "")) {
            assertThat(ready(again)).isEqualTo(200);
        }
    }

    @Test
    void aDatabaseLeftRunningIsStoppedByTheNextStartWhichThenServes() throws Exception {
        ChildSluice first = ChildSluice.start(dir, YAML, "");
        long pg = postmaster();
        List<ProcessHandle> watchdogs = first.process.toHandle().children()
                .filter(h -> h.info().arguments().map(a -> List.of(a).contains("sluice-pg-watchdog")).orElse(false))
                .toList();
        assertThat(watchdogs).as("the watchdog").hasSize(1);
        watchdogs.get(0).destroyForcibly();
        watchdogs.get(0).onExit().get(10, TimeUnit.SECONDS);
        first.kill();
        assertThat(ProcessHandle.of(pg).map(ProcessHandle::isAlive)).as("left running").contains(true);

        try (ChildSluice second = ChildSluice.start(dir, YAML, "")) {
            assertThat(second.output()).contains("is still running (pid " + pg);
            assertThat(stops(pg)).isTrue();
            assertThat(ready(second)).isEqualTo(200);
            long ours = postmaster();
            assertThat(ours).isNotEqualTo(pg);
            second.close();
            assertThat(stops(ours)).as("a graceful stop stops it too").isTrue();
        }
    }

    private static int ready(ChildSluice sluice) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/ready"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }
}
