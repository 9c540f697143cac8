package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on every inbound API gets a 4xx in that API's own error shape, never a stack trace; every response has an
 * x-request-id; HTTP/2 works in cleartext, by upgrade and by prior knowledge.
 */
class HttpEdgeTest {

    @TempDir
    static Path dir;
    static RunningSluice sluice;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        sluice = new RunningSluice("""
                server: {port: 0, host: 127.0.0.1, master_key: sk-test-master-key, max_body_bytes: 4096}
                storage: none
                providers: [{id: sim, type: simulator}]
                models: [{name: sim-echo, provider: sim, options: {reply: echo}}]
                """, dir);
    }

    @AfterAll
    static void stop() {
        sluice.close();
    }

    private static HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sluice.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("content-type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> openai(String body) throws Exception {
        return post("/v1/chat/completions", body.getBytes(StandardCharsets.UTF_8),
                "authorization", "Bearer " + RunningSluice.KEY);
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.parse(r.body());
    }

    @Test
    void malformedJsonIsA400InTheOpenAiShape() throws Exception {
        var r = openai("{\"model\": \"sim-echo\", \"messages\": [");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at dev.");
    }

    @Test
    void wrongTypesNameTheField() throws Exception {
        var r = openai("{\"model\": \"sim-echo\", \"messages\": [{\"role\":\"user\",\"content\":\"hi\"}],"
                + " \"temperature\": \"hot\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").path("param").asText()).contains("temperature");
    }

    @Test
    void anUnknownModelIsA404InEachShape() throws Exception {
        var o = openai("{\"model\": \"nope\", \"messages\": [{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(o.statusCode()).isEqualTo(404);
        assertThat(json(o).path("error").path("message").asText()).contains("nope");
        var a = post("/v1/messages", ("{\"model\":\"nope\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}").getBytes(StandardCharsets.UTF_8), "x-api-key", RunningSluice.KEY,
                "anthropic-version", "2023-06-01");
        assertThat(a.statusCode()).isEqualTo(404);
        assertThat(json(a).path("type").asText()).isEqualTo("error");
        assertThat(json(a).path("error").path("type").asText()).isEqualTo("not_found_error");
        var b = post("/model/nope/converse", "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}"
                .getBytes(StandardCharsets.UTF_8), "authorization", "Bearer " + RunningSluice.KEY);
        assertThat(b.statusCode()).isEqualTo(404);
        assertThat(b.headers().firstValue("x-amzn-ErrorType").orElse("")).startsWith("ResourceNotFoundException");
        assertThat(json(b).path("message").asText()).contains("nope");
    }

    @Test
    void aBodyOverTheLimitIsA413() throws Exception {
        String big = "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(5000)
                + "\"}]}";
        var r = openai(big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).path("error").path("message").asText()).contains("4096");
    }

    @Test
    void invalidUtf8IsA400() throws Exception {
        byte[] prefix = "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"".getBytes();
        byte[] suffix = "\"}]}".getBytes();
        byte[] body = new byte[prefix.length + 2 + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC3;
        body[prefix.length + 1] = (byte) 0x28;
        System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);
        var r = post("/v1/chat/completions", body, "authorization", "Bearer " + RunningSluice.KEY);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void aMissingOrWrongKeyIsA401() throws Exception {
        var none = post("/v1/chat/completions", "{}".getBytes());
        assertThat(none.statusCode()).isEqualTo(401);
        var wrong = post("/v1/messages", "{}".getBytes(), "x-api-key", "sk-wrong");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).path("error").path("type").asText()).isEqualTo("authentication_error");
    }

    @Test
    void unknownRoutesAre404WithARequestId() throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/v2/nothing")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    void modelsAndHealthAnswer() throws Exception {
        var models = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/v1/models"))
                .header("authorization", "Bearer " + RunningSluice.KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(json(models).path("data").get(0).path("id").asText()).isEqualTo("sim-echo");
        var health = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void http2WorksByUpgradeAndByPriorKnowledge() throws Exception {
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        String body = "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"over h2\"}]}";
        HttpRequest req = HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        var first = h2.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.version()).as("upgraded with h2c on a GET").isEqualTo(HttpClient.Version.HTTP_2);
        var upgraded = h2.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(json(upgraded).path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("over h2");

        OkHttpClient prior = new OkHttpClient.Builder().protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE)).build();
        try (Response r = prior.newCall(new Request.Builder().url(sluice.baseUrl() + "/v1/chat/completions")
                .header("authorization", "Bearer " + RunningSluice.KEY)
                .post(RequestBody.create(body, MediaType.get("application/json"))).build()).execute()) {
            assertThat(r.protocol()).isEqualTo(Protocol.H2_PRIOR_KNOWLEDGE);
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.body().string()).contains("over h2");
        }
    }
}
