package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs live in Sluice's storage when a server is used: `sluice eval run --gateway URL --key KEY` against a Sluice with
 * (embedded) storage keeps its runs there, `eval runs` and `eval compare` read them back from the server, and the
 * admin routes hold them.
 */
class EvalRunsOnServerEndToEndTest {

    private static final int CASES = 12;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    private RunningSluice sluice;

    @BeforeEach
    void start() throws Exception {
        List<String> dataset = new ArrayList<>();
        List<String> script = new ArrayList<>();
        for (int i = 1; i <= CASES; i++) {
            dataset.add("{\"id\":\"c" + i + "\",\"prompt\":\"Question " + i + "?\",\"expected\":\"Answer " + i + "\"}");
            script.add("{\"match\":\"^Question " + i + "\\\\?$\",\"reply\":\"Answer " + i + "\"}");
        }
        Files.write(dir.resolve("cases.jsonl"), dataset);
        Files.write(dir.resolve("good.jsonl"), script);
        Files.writeString(dir.resolve("suite.yaml"), """
                name: answers
                dataset: cases.jsonl
                concurrency: 4
                targets:
                  - {name: assistant, model: good-model}
                metrics:
                  - type: exact_match
                gate:
                  - {metric: exact_match, min_pass_rate: 0.9}
                """);
        sluice = new RunningSluice("""
                providers: [{id: sim, type: simulator}]
                models:
                  - {name: good-model, provider: sim, options: {reply: script, script: good.jsonl}}
                """, dir);
    }

    @AfterEach
    void stop() {
        if (sluice != null) {
            sluice.close();
        }
    }

    /** Runs the CLI, capturing standard output. */
    private Outcome eval(String... args) {
        List<String> all = new ArrayList<>(List.of("eval"));
        all.addAll(List.of(args));
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(all.toArray(String[]::new));
            return new Outcome(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }

    private record Outcome(int code, String out) { }

    private String[] server() {
        return new String[] {"--gateway", sluice.baseUrl(), "--key", RunningSluice.KEY};
    }

    private String[] with(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private HttpResponse<String> call(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sluice.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("authorization", "Bearer " + key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void runsAreKeptByTheServerAndReadBackFromIt() throws Exception {
        String suite = dir.resolve("suite.yaml").toString();
        Outcome first = eval(with(new String[] {"run", suite, "--run-id", "run-a", "--no-cache"}, server()));
        assertThat(first.code()).as(first.out()).isZero();
        assertThat(first.out()).contains("Run store: Sluice storage at " + sluice.baseUrl() + "/admin/eval/runs");
        Outcome second = eval(with(new String[] {"run", suite, "--run-id", "run-b", "--no-cache"}, server()));
        assertThat(second.code()).as(second.out()).isZero();

        HttpResponse<String> listed = call("GET", "/admin/eval/runs", RunningSluice.KEY, null);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode data = Json.parse(listed.body()).path("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(0).path("runId").asText()).isEqualTo("run-b");
        assertThat(data.get(1).path("runId").asText()).isEqualTo("run-a");
        assertThat(data.get(0).path("finishedAt").isNull()).isFalse();
        JsonNode results = Json.parse(call("GET", "/admin/eval/runs/run-a/results", RunningSluice.KEY, null).body())
                .path("data");
        assertThat(results).hasSize(CASES);
        assertThat(results.get(0).path("scores").has("exact_match")).isTrue();
        assertThat(Path.of(".sluice", "evals", "runs", "run-a")).as("nothing in the local folder").doesNotExist();

        Outcome runs = eval(with(new String[] {"runs"}, server()));
        assertThat(runs.code()).isZero();
        assertThat(runs.out()).contains("run-a").contains("run-b");
        assertThat(runs.out().indexOf("run-b")).isLessThan(runs.out().indexOf("run-a"));

        Path md = dir.resolve("compare.md");
        Outcome compare = eval(with(new String[] {"compare", "run-a", "run-b", "--markdown", md.toString()},
                server()));
        assertThat(compare.code()).as(compare.out()).isZero();
        assertThat(Files.readString(md)).contains("exact_match");
    }

    @Test
    void anInProcessSluiceWithStorageKeepsTheRunsAndOneWithoutLeavesThemLocal() throws Exception {
        String suite = dir.resolve("suite.yaml").toString();
        Path stored = dir.resolve("stored.yaml");
        Files.writeString(stored, """
                storage: {data_dir: '%s'}
                providers: [{id: sim, type: simulator}]
                models:
                  - {name: good-model, provider: sim, options: {reply: script, script: '%s'}}
                """.formatted(dir.resolve("inproc-data"), dir.resolve("good.jsonl")));
        Outcome kept = eval("run", suite, "--config", stored.toString(), "--run-id", "inproc", "--no-cache");
        assertThat(kept.code()).as(kept.out()).isZero();
        assertThat(kept.out()).contains("Run store: Sluice storage at");

        Path none = dir.resolve("none.yaml");
        Files.writeString(none, Files.readString(stored).replaceFirst("storage: .*", "storage: none"));
        Outcome local = eval("run", suite, "--config", none.toString(), "--store", dir.resolve("local").toString(),
                "--run-id", "local-run", "--no-cache");
        assertThat(local.code()).as(local.out()).isZero();
        assertThat(local.out()).doesNotContain("Run store: Sluice storage");
        assertThat(dir.resolve("local/runs/local-run/manifest.json")).exists();
    }

    @Test
    void theAdminRoutesNeedTheMasterKeyAndJson() throws Exception {
        assertThat(call("GET", "/admin/eval/runs", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/admin/eval/runs", "sk-not-master", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/admin/eval/runs/nope", RunningSluice.KEY, null).statusCode()).isEqualTo(404);
        HttpResponse<String> orphan = call("POST", "/admin/eval/runs/nope/results", RunningSluice.KEY, "{}");
        assertThat(orphan.statusCode()).isEqualTo(404);
        assertThat(Json.parse(orphan.body()).path("error").path("type").asText()).isEqualTo("not_found_error");
        HttpResponse<String> malformed = call("PUT", "/admin/eval/runs/r1", RunningSluice.KEY, "{not json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(Json.parse(malformed.body()).path("error").path("type").asText())
                .isEqualTo("invalid_request_error");
        assertThat(call("PUT", "/admin/eval/runs/r1", RunningSluice.KEY, "[1]").statusCode()).isEqualTo(400);
        String manifest = "{\"runId\":\"r1\",\"targets\":{\"zeta\":{},\"alpha\":{}}}";
        assertThat(call("PUT", "/admin/eval/runs/r1", RunningSluice.KEY, manifest).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/admin/eval/runs/r1", RunningSluice.KEY, null).body()).isEqualTo(manifest);
        assertThat(call("POST", "/admin/eval/runs/r1/results", RunningSluice.KEY, "{\"caseId\":\"c1\"}")
                .statusCode()).isEqualTo(200);
        assertThat(call("GET", "/admin/eval/runs/r1/results", RunningSluice.KEY, null).body())
                .isEqualTo("{\"data\":[{\"caseId\":\"c1\"}]}");
        String tooLarge = "{\"x\":\"" + "a".repeat(EvalRunRoutes.MAX_BODY_BYTES) + "\"}";
        assertThat(call("PUT", "/admin/eval/runs/r2", RunningSluice.KEY, tooLarge).statusCode()).isEqualTo(413);
    }

    @Test
    void everyRunWriteIsInTheAuditLogWithADigestNotTheDocument() throws Exception {
        String manifest = "{\"runId\":\"r9\",\"note\":\"private words\"}";
        assertThat(call("PUT", "/admin/eval/runs/r9", RunningSluice.KEY, manifest).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/admin/eval/runs/r9/results", RunningSluice.KEY, "{\"caseId\":\"c1\"}")
                .statusCode()).isEqualTo(200);
        assertThat(call("POST", "/admin/eval/runs/none/results", RunningSluice.KEY, "{}").statusCode())
                .isEqualTo(404);
        HttpResponse<String> audit = call("GET", "/admin/audit?limit=3", RunningSluice.KEY, null);
        assertThat(audit.statusCode()).isEqualTo(200);
        JsonNode rows = Json.parse(audit.body()).path("data");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("action").asText()).isEqualTo("eval_run.result.append");
        assertThat(rows.get(0).path("target").asText()).isEqualTo("eval_run:r9");
        assertThat(rows.get(1).path("action").asText()).isEqualTo("eval_run.save");
        assertThat(rows.get(1).path("actor").asText()).isEqualTo("master");
        assertThat(rows.get(1).path("after").path("bytes").asInt()).isEqualTo(manifest.length());
        assertThat(rows.get(2).path("action").asText()).isEqualTo("config.apply");
        assertThat(rows.get(2).path("after").path("providers").get(0).has("settings_hmac")).isTrue();
        assertThat(audit.body()).doesNotContain("private words");
        assertThat(call("GET", "/admin/audit?limit=0", RunningSluice.KEY, null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/admin/audit", null, null).statusCode()).isEqualTo(401);
        JsonNode verified = Json.parse(call("GET", "/admin/audit/verify", RunningSluice.KEY, null).body());
        assertThat(verified.path("intact").asBoolean()).isTrue();
        assertThat(verified.path("anchored_seq").asLong()).isEqualTo(rows.get(0).path("seq").asLong());
    }
}
