package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import dev.sluice.testkit.FakeUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an upstream answers never reaches the caller as a status it cannot act on: the caller's own faults stay 4xx,
 * everything else becomes 502, 503 or 504 in the caller's shape, and no upstream text about credentials leaks.
 */
class UpstreamFailuresEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private FakeUpstream upstream;
    private RunningSluice sluice;

    @BeforeEach
    void start() {
        upstream = new FakeUpstream();
        sluice = new RunningSluice("storage: none\nproviders: [{id: up, type: openai, base_url: '"
                + upstream.baseUri() + "/v1', api_key: sk-up-secret}]\n"
                + "models: [{name: m, provider: up, upstream_model: gpt-4o-mini}]\n", dir);
    }

    @AfterEach
    void stop() {
        sluice.close();
        upstream.close();
    }

    private HttpResponse<String> call() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hi\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> answeredWith(int status, String body) throws Exception {
        upstream.enqueue(new MockResponse.Builder().code(status).addHeader("content-type", "application/json")
                .body(body).build());
        return call();
    }

    @Test
    void statusesACallerCannotActOnBecome502InTheCallersShape() throws Exception {
        for (int status : new int[] {500, 302, 999, 401, 403, 404, 418}) {
            HttpResponse<String> r = answeredWith(status, "{\"error\":{\"message\":\"bad key sk-up-secret\"}}");
            int expected = status == 418 ? 400 : 502;
            assertThat(r.statusCode()).as("upstream " + status).isEqualTo(expected);
            JsonNode err = Json.parse(r.body()).path("error");
            assertThat(err.path("message").asText()).as("upstream " + status).contains("'up'");
            assertThat(r.headers().firstValue("location")).isEmpty();
        }
    }

    @Test
    void theCallersOwnFaultsAndTheUpstreamsStateKeepTheirMeaning() throws Exception {
        assertThat(answeredWith(400, "{\"error\":{\"message\":\"too long\",\"code\":\"context_length_exceeded\"}}")
                .statusCode()).isEqualTo(400);
        upstream.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", "7")
                .body("{\"error\":{\"message\":\"slow down\"}}").build());
        HttpResponse<String> limited = call();
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).hasValue("7");
        assertThat(answeredWith(503, "{}").statusCode()).isEqualTo(503);
    }
}
