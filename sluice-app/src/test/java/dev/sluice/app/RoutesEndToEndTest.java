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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routes over real sockets: a route of three simulator deployments with faults answers every call of a burst; an
 * OpenAI upstream that fails over to the simulator still answers in the caller's shape (Anthropic's), streamed or not;
 * every routed answer says which deployment served it and after how many attempts.
 */
class RoutesEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private FakeUpstream upstream;
    private RunningSluice sluice;

    @BeforeEach
    void start() {
        upstream = new FakeUpstream();
        sluice = new RunningSluice("""
                storage: none
                providers:
                  - {id: sim, type: simulator, reply: fixed, text: routed}
                  - {id: up, type: openai, base_url: '%s/v1', api_key: sk-up-secret}
                models:
                  - {name: flaky, provider: sim, options: {error_rate: 0.5, error_status: 503, seed: 3}}
                  - {name: slow, provider: sim, options: {timeout_rate: 0.3, seed: 4}, timeouts: {total_ms: 100}}
                  - {name: steady, provider: sim}
                  - {name: openai-first, provider: up, upstream_model: gpt-4o-mini}
                routes:
                  - name: chat
                    deployments: [{model: flaky, weight: 3}, {model: slow, weight: 3}, {model: steady}]
                    retries: {max: 2, base_ms: 5}
                  - name: primary
                    deployments: [{model: openai-first}]
                    retries: {max: 0}
                    fallbacks: [backup]
                  - name: backup
                    deployments: [{model: steady}]
                """.formatted(upstream.baseUri()), dir);
    }

    @AfterEach
    void stop() {
        sluice.close();
        upstream.close();
    }

    private HttpRequest openai(String model, boolean stream) {
        return HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build();
    }

    private HttpRequest anthropic(String model, boolean stream) {
        return HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/v1/messages"))
                .header("x-api-key", RunningSluice.KEY).header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"max_tokens\":50,"
                        + "\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
    }

    @Test
    void aBurstOnARouteOfThreeFaultyDeploymentsSeesNoFailure() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            calls.add(HTTP.sendAsync(openai("chat", i % 3 == 0), HttpResponse.BodyHandlers.ofString()));
        }
        int retried = 0;
        for (CompletableFuture<HttpResponse<String>> c : calls) {
            HttpResponse<String> r = c.get();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("outed"); // "routed", in one piece or streamed as "r" + "outed"
            assertThat(r.headers().firstValue("x-sluice-deployment")).get().isIn("flaky", "slow", "steady");
            int attempts = Integer.parseInt(r.headers().firstValue("x-sluice-attempts").orElseThrow());
            assertThat(attempts).isBetween(1, 3);
            retried += attempts > 1 ? 1 : 0;
        }
        assertThat(retried).as("calls that needed more than one attempt").isPositive();
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("sluice_breaker_state{deployment=\"flaky\"}");
    }

    @Test
    void aFailedOpenAiUpstreamFallsBackToTheSimulatorInTheCallersShape() throws Exception {
        upstream.enqueue(new MockResponse.Builder().code(503).addHeader("content-type", "application/json")
                .body("{\"error\":{\"message\":\"overloaded\"}}").build());
        HttpResponse<String> r = HTTP.send(anthropic("primary", false), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = Json.parse(r.body());
        assertThat(body.path("type").asText()).isEqualTo("message");
        assertThat(body.path("content").get(0).path("text").asText()).isEqualTo("routed");
        assertThat(r.headers().firstValue("x-sluice-deployment")).contains("steady");
        assertThat(r.headers().firstValue("x-sluice-attempts")).contains("2");

        upstream.enqueue(new MockResponse.Builder().code(500).addHeader("content-type", "application/json")
                .body("{\"error\":{\"message\":\"boom\"}}").build());
        HttpResponse<String> s = HTTP.send(anthropic("primary", true), HttpResponse.BodyHandlers.ofString());
        assertThat(s.statusCode()).isEqualTo(200);
        assertThat(s.body()).contains("event: message_start").contains("\"outed\"").contains("event: message_stop");
        assertThat(s.headers().firstValue("x-sluice-deployment")).contains("steady");
    }

    @Test
    void routesAreListedAmongTheModels() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/v1/models"))
                .header("authorization", "Bearer " + RunningSluice.KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("\"chat\"").contains("\"primary\"").contains("\"steady\"");
    }

    @Test
    void aRouteIsFoundByNameLikeAModelAndAnUnknownNameIsA404() throws Exception {
        for (String name : new String[] {"chat", "steady"}) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/v1/models/"
                    + name)).header("authorization", "Bearer " + RunningSluice.KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(name).isEqualTo(200);
            assertThat(r.body()).contains("\"id\":\"" + name + "\"");
        }
        HttpResponse<String> missing = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl()
                + "/v1/models/no-such-route")).header("authorization", "Bearer " + RunningSluice.KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no-such-route");
    }
}
