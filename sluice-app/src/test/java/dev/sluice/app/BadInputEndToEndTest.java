package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input that once gave 5xx, ran out of memory or answered without bound, sent to a real Sluice over HTTP: each is a
 * 400 with a JSON error in the caller's shape, naming the problem, and echoing nothing it should not.
 */
class BadInputEndToEndTest {

    @TempDir
    static Path dir;
    static RunningSluice sluice;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        String schema = "bad_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sluice = new RunningSluice("storage: {url: 'postgresql://postgres@127.0.0.1:5432/test', schema: " + schema
                + "}\nproviders: [{id: sim, type: simulator}]\n"
                + "models: [{name: sim-echo, provider: sim, options: {reply: echo}},\n"
                + "         {name: sim-wide, provider: sim, options: {reply: echo, dimensions: 8192}}]\n", dir);
    }

    @AfterAll
    static void stop() {
        sluice.close();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + path))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + path))
                .header("authorization", "Bearer " + RunningSluice.KEY).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String inputs(int count) {
        return "[" + String.join(",", Collections.nCopies(count, "\"x\"")) + "]";
    }

    private static JsonNode openAiError(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        JsonNode error = Json.parse(r.body()).path("error");
        assertThat(error.path("message").asText()).isNotEmpty();
        return error;
    }

    @Test
    void embeddingsOfAThousandTextsAt8192DimensionsAre400NotAHundredMegabytes() throws Exception {
        var r = post("/v1/embeddings", "{\"model\":\"sim-echo\",\"input\":" + inputs(1000) + ",\"dimensions\":8192}");
        JsonNode error = openAiError(r, 400);
        assertThat(error.path("param").asText()).isEqualTo("input");
        assertThat(r.body().length()).isLessThan(1000);
    }

    @Test
    void embeddingsOfMoreThan2048TextsAre400() throws Exception {
        assertThat(openAiError(post("/v1/embeddings", "{\"model\":\"sim-echo\",\"input\":" + inputs(2049) + "}"), 400)
                .path("message").asText()).contains("2048");
        assertThat(openAiError(post("/v1/embeddings", "{\"model\":\"sim-echo\",\"input\":" + inputs(100_000) + "}"),
                400).path("param").asText()).isEqualTo("input");
    }

    @Test
    void embeddingsDimensionsOverTheLimitAre400() throws Exception {
        assertThat(openAiError(post("/v1/embeddings", "{\"model\":\"sim-echo\",\"input\":\"x\",\"dimensions\":9000}"),
                400).path("param").asText()).isEqualTo("dimensions");
    }

    @Test
    void aModelWhoseDefaultDimensionsWouldMakeTheAnswerTooLargeIs400() throws Exception {
        var r = post("/v1/embeddings", "{\"model\":\"sim-wide\",\"input\":" + inputs(2048) + "}");
        assertThat(openAiError(r, 400).path("message").asText()).contains("numbers");
        var fine = post("/v1/embeddings", "{\"model\":\"sim-wide\",\"input\":" + inputs(2) + "}");
        assertThat(fine.statusCode()).isEqualTo(200);
        assertThat(Json.parse(fine.body()).path("data").get(1).path("embedding").size()).isEqualTo(8192);
    }

    /** A Sluice-shaped 400: {@code {"error": {"type", "message"}}}. */
    private static JsonNode sluiceError(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = Json.parse(r.body()).path("error");
        assertThat(error.path("message").asText()).isNotEmpty();
        return error;
    }

    @Test
    void nulBytesInFeedbackAre400() throws Exception {
        var call = post("/v1/chat/completions", "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}");
        String id = call.headers().firstValue("x-request-id").orElseThrow();
        for (int i = 0; i < 200 && get("/admin/requests/" + id).statusCode() != 200; i++) {
            Thread.sleep(50); // the ledger writes in the background; feedback needs the call's row
        }
        for (String field : new String[] {"label", "comment", "correction"}) {
            var r = post("/v1/feedback", "{\"request_id\":\"" + id + "\",\"score\":1,\"" + field
                    + "\":\"a\\u0000b\"}");
            assertThat(openAiError(r, 400).path("message").asText()).as(field).contains(field);
        }
        var r = post("/v1/feedback", "{\"request_id\":\"req\\u0000x\",\"score\":1}");
        assertThat(openAiError(r, 400).path("message").asText()).contains("request_id");
    }

    @Test
    void nulBytesInAdminFiltersCursorsAndIdsAre400WithoutEchoingThem() throws Exception {
        for (String query : new String[] {"model=a%00b", "key=%00", "team=t%00", "use_case=%00u", "status=%00",
                "cursor=%00", "cursor=abc%00def", "cursor=zzz", "from=2026-01-01&x%00=1",
                "cursor=" + cursor("2026-01-01T00:00:00Z|req\u0000x"),
                "cursor=" + cursor("+100000000-01-01T00:00:00Z|req_1")}) {
            var r = get("/admin/requests?" + query);
            sluiceError(r);
        }
        var one = get("/admin/requests/req%00secret");
        sluiceError(one);
        assertThat(one.body()).doesNotContain("secret").doesNotContain("\\u0000");
    }

    private static String cursor(String text) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void datesOutOfRangeAre400() throws Exception {
        for (String from : new String[] {"%2B1000000000-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "yesterday",
                "2026-13-45T00:00:00Z"}) {
            assertThat(sluiceError(get("/admin/requests?from=" + from)).path("message").asText()).as(from)
                    .contains("from");
            sluiceError(get("/admin/usage?group_by=model&to=" + from));
        }
    }
}
