package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import dev.sluice.testkit.Eventually;
import dev.sluice.testkit.FakeUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Context-window and content-policy fallbacks over real sockets, with real upstream error shapes: an OpenAI upstream's
 * {@code context_length_exceeded}, an Anthropic upstream's "prompt is too long" and an OpenAI answer its content
 * filter withheld each move the call to the route's designated model (the simulator), and the caller gets its answer
 * in its own API shape, streamed or not; the ledger (PostgreSQL) shows both attempts with their reasons through the
 * admin API.
 */
class RouteFallbacksEndToEndTest {

    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private FakeUpstream openai;
    private FakeUpstream anthropic;
    private RunningSluice sluice;
    private String schema;

    @BeforeEach
    void start() {
        openai = new FakeUpstream();
        anthropic = new FakeUpstream();
        schema = "fb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sluice = new RunningSluice("""
                storage: {url: 'postgresql://postgres@127.0.0.1:5432/test', schema: %s}
                providers:
                  - {id: up, type: openai, base_url: '%s/v1', api_key: sk-up-secret}
                  - {id: ant, type: anthropic, base_url: '%s', api_key: sk-ant-secret}
                  - {id: sim, type: simulator, reply: fixed, text: larger}
                models:
                  - {name: small-gpt, provider: up, upstream_model: gpt-4o-mini}
                  - {name: small-claude, provider: ant, upstream_model: claude-haiku-4-5}
                  - {name: big, provider: sim}
                  - {name: lenient, provider: sim, options: {reply: fixed, text: lenient}, prices: {input: 1, output: 2}}
                routes:
                  - name: chat
                    deployments: [{model: small-gpt}]
                    retries: {max: 0}
                    context_window_fallbacks: [big]
                    content_policy_fallbacks: [lenient]
                  - name: claude-chat
                    deployments: [{model: small-claude}]
                    context_window_fallbacks: [big]
                """.formatted(schema, openai.baseUri(), anthropic.baseUri()), dir);
    }

    @AfterEach
    void stop() throws Exception {
        sluice.close();
        openai.close();
        anthropic.close();
        try (Connection c = DriverManager.getConnection(PG); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        }
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("content-type", "application/json").body(body).build();
    }

    /** An answer the upstream's content filter withheld, after 5,000 prompt and 7,000 completion tokens. */
    private static final MockResponse WITHHELD = json(200, """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[{"index":0,\
            "message":{"role":"assistant","content":null},"finish_reason":"content_filter"}],\
            "usage":{"prompt_tokens":5000,"completion_tokens":7000,"total_tokens":12000}}""");

    private HttpRequest openAiCall(String model, boolean stream) {
        return openAiCall(model, stream, RunningSluice.KEY);
    }

    private HttpRequest openAiCall(String model, boolean stream, String key) {
        return HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"a very long prompt\"}]}")).build();
    }

    private HttpRequest anthropicCall(String model) {
        return HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/v1/messages"))
                .header("x-api-key", RunningSluice.KEY).header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"max_tokens\":50,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"a very long prompt\"}]}")).build();
    }

    /** The call's ledger row through the admin API, once the writer has written it. */
    private JsonNode ledgerRow(String requestId) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/admin/requests/" + requestId))
                .header("authorization", "Bearer " + RunningSluice.KEY).build();
        JsonNode[] row = new JsonNode[1];
        Eventually.await(Duration.ofSeconds(30), "the call's ledger row", () -> {
            try {
                HttpResponse<String> r = HTTP.send(get, HttpResponse.BodyHandlers.ofString());
                row[0] = r.statusCode() == 200 ? Json.parse(r.body()) : null;
                return row[0] != null;
            } catch (Exception e) {
                return false;
            }
        });
        return row[0];
    }

    @Test
    void anOpenAiContextOverflowIsAnsweredByTheLargerModelInTheCallersAnthropicShape() throws Exception {
        openai.enqueue(json(400, """
                {"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages \
                resulted in 130000 tokens.","type":"invalid_request_error","param":"messages",\
                "code":"context_length_exceeded"}}"""));

        HttpResponse<String> r = HTTP.send(anthropicCall("chat"), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = Json.parse(r.body());
        assertThat(body.path("type").asText()).isEqualTo("message");
        assertThat(body.at("/content/0/text").asText()).isEqualTo("larger");
        assertThat(r.headers().firstValue("x-sluice-deployment")).contains("big");
        assertThat(r.headers().firstValue("x-sluice-attempts")).contains("2");
        JsonNode log = ledgerRow(r.headers().firstValue("x-request-id").orElseThrow()).path("attempt_log");
        assertThat(log).hasSize(2);
        assertThat(log.get(0).path("deployment").asText()).isEqualTo("small-gpt");
        assertThat(log.get(0).path("error_type").asText()).isEqualTo("context_window_exceeded");
        assertThat(log.get(0).path("status").asInt()).isEqualTo(400);
        assertThat(log.get(1).path("deployment").asText()).isEqualTo("big");
        assertThat(log.get(1).path("reason").asText()).isEqualTo("context_window_fallback");
        assertThat(log.toString()).doesNotContain("sk-up-secret");
    }

    @Test
    void anAnthropicPromptTooLongFailsAStreamOverBeforeItsFirstByte() throws Exception {
        anthropic.enqueue(json(400, """
                {"type":"error","error":{"type":"invalid_request_error",\
                "message":"prompt is too long: 210000 tokens > 200000 maximum"}}"""));

        HttpResponse<String> r = HTTP.send(openAiCall("claude-chat", true), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"larg\"").contains("\"er\"").contains("data: [DONE]")
                .doesNotContain("prompt is too long");
        assertThat(r.headers().firstValue("x-sluice-deployment")).contains("big");
    }

    @Test
    void anAnswerTheUpstreamsFilterWithheldIsAnsweredByTheDesignatedModel() throws Exception {
        openai.enqueue(WITHHELD);

        HttpResponse<String> r = HTTP.send(openAiCall("chat", false), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = Json.parse(r.body());
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("lenient");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(r.headers().firstValue("x-sluice-deployment")).contains("lenient");
        JsonNode log = ledgerRow(r.headers().firstValue("x-request-id").orElseThrow()).path("attempt_log");
        assertThat(log.get(0).path("deployment").asText()).isEqualTo("small-gpt");
        assertThat(log.get(0).path("error_type").asText()).isEqualTo("content_filtered");
        assertThat(log.get(1).path("reason").asText()).isEqualTo("content_policy_fallback");
    }

    @Test
    void theTokensAndCostOfAWithheldAnswerAreCountedWithTheAnswerThatReplacedIt() throws Exception {
        openai.enqueue(WITHHELD);
        HttpRequest create = HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/admin/keys"))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"budgeted\",\"budget\":"
                        + "{\"limit_usd\":10,\"period\":\"day\"}}")).build();
        JsonNode key = Json.parse(HTTP.send(create, HttpResponse.BodyHandlers.ofString()).body());

        HttpResponse<String> r = HTTP.send(openAiCall("chat", false, key.path("key").asText()),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode usage = Json.parse(r.body()).path("usage");
        JsonNode row = ledgerRow(r.headers().firstValue("x-request-id").orElseThrow());
        assertThat(row.path("input_tokens").asLong()).isEqualTo(5000 + usage.path("prompt_tokens").asLong());
        assertThat(row.path("output_tokens").asLong()).isEqualTo(7000 + usage.path("completion_tokens").asLong());
        // gpt-4o-mini's built-in prices ($0.15 and $0.60 per million) and the fallback's ($1 and $2)
        java.math.BigDecimal answer = java.math.BigDecimal.valueOf(usage.path("prompt_tokens").asLong()
                + 2 * usage.path("completion_tokens").asLong(), 6);
        assertThat(new java.math.BigDecimal(row.path("cost_usd").asText()))
                .isEqualByComparingTo(answer.add(new java.math.BigDecimal("0.00495")));
        JsonNode dropped = row.path("attempt_log").get(0);
        assertThat(dropped.path("input_tokens").asLong()).isEqualTo(5000);
        assertThat(dropped.path("output_tokens").asLong()).isEqualTo(7000);
        assertThat(row.path("attempt_log").get(1).has("input_tokens")).isFalse();
        HttpResponse<String> shown = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/admin/keys/"
                + key.path("id").asText())).header("authorization", "Bearer " + RunningSluice.KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(new java.math.BigDecimal(Json.parse(shown.body()).path("budgets").path(0).path("spent_usd")
                .asText())).as("the key's budget spent both answers").isEqualByComparingTo(row.path("cost_usd")
                .asText());
    }
}
