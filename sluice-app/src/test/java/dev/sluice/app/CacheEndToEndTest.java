package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.sluice.api.json.Json;
import dev.sluice.testkit.Eventually;
import dev.sluice.testkit.FakeUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * The response cache through the real SDKs on a real socket, in front of a fake OpenAI upstream that counts the
 * requests reaching it (each test asks its own question, so the tests share one Sluice without sharing entries), with
 * the embedded database keeping keys, teams and the ledger; and the semantic cache with the real MiniLM model in front
 * of the echoing simulator (so an answer says which prompt it was made for).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CacheEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private FakeUpstream fake;
    private RunningSluice sluice;

    @BeforeAll
    void start(@TempDir Path dir) {
        fake = new FakeUpstream();
        sluice = new RunningSluice("""
                providers:
                  - {id: up, type: openai, base_url: '%s/v1', api_key: sk-up}
                  - {id: sim, type: simulator}
                cache: {max_size: 16MB}
                models:
                  - {name: counted, provider: up, upstream_model: gpt-4o-mini, cache: {ttl: 10m},
                     prices: {input: 1000, output: 1000}}
                  - name: echo
                    provider: sim
                    options: {reply: echo}
                    cache: {ttl: 10m, semantic: {threshold: 0.85}}
                  - {name: echo-guarded, provider: sim, options: {reply: echo}, cache: {ttl: 10m},
                     guardrail: {id: words, version: 1}}
                guardrails:
                  definitions:
                    - id: words
                      name: words
                      blocked_input_messaging: "Sorry, not that prompt."
                      blocked_outputs_messaging: "Sorry, I cannot say that."
                      word_policy_config:
                        words_config: [{text: kaboom, input_action: NONE, output_action: BLOCK}]
                routes:
                  - {name: counted-route, deployments: [{model: counted}], cache: {ttl: 10m}}
                """.formatted(fake.baseUri()), dir);
    }

    @AfterAll
    void stop() {
        if (sluice != null) {
            sluice.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private OpenAIClient openAi(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(sluice.baseUrl() + "/v1").apiKey(key).maxRetries(0).build();
    }

    private static ChatCompletionCreateParams ask(String model, String question) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(question).maxCompletionTokens(100)
                .build();
    }

    private static String header(HttpResponseFor<?> r, String name) {
        return r.headers().values(name).stream().findFirst().orElse(null);
    }

    private void primeChat(int times) {
        for (int i = 0; i < times; i++) {
            fake.enqueue(Upstreams.OPENAI.transcripts().resolve("chat.http"));
        }
    }

    @Test
    void aRepeatedCallIsAnsweredOnceUpstreamAndRecordedAsAFreeHit() throws Exception {
        primeChat(1);
        int before = fake.requestCount();
        OpenAIClient client = openAi(RunningSluice.KEY);
        HttpResponseFor<ChatCompletion> first = client.chat().completions().withRawResponse()
                .create(ask("counted", "What is the capital of France? (repeated)"));
        HttpResponseFor<ChatCompletion> second = client.chat().completions().withRawResponse()
                .create(ask("counted", "What is the capital of France? (repeated)"));
        assertThat(fake.requestCount() - before).as("the upstream saw one request").isEqualTo(1);
        assertThat(header(first, "x-sluice-cache")).isEqualTo("miss");
        assertThat(header(second, "x-sluice-cache")).isEqualTo("hit");
        assertThat(second.parse().choices().getFirst().message().content()).hasValue(Upstreams.ANSWER);
        assertThat(second.parse().usage().orElseThrow().completionTokens()).isEqualTo(8);

        JsonNode miss = ledgerRow(header(first, "x-request-id"));
        JsonNode hit = ledgerRow(header(second, "x-request-id"));
        assertThat(miss.path("cache_hit").asBoolean()).isFalse();
        assertThat(new java.math.BigDecimal(miss.path("cost_usd").asText())).isPositive();
        assertThat(hit.path("cache_hit").asBoolean()).isTrue();
        assertThat(new java.math.BigDecimal(hit.path("cost_usd").asText())).as("no upstream cost").isZero();
        assertThat(hit.path("attempts").asInt()).isZero();
        assertThat(get("/metrics").body()).containsPattern("sluice_cache_hits_total\\{kind=\"exact\"\\} [1-9]")
                .containsPattern("sluice_cache_misses_total [1-9]");
    }

    @Test
    void aStreamIsStoredAndReplayedAsAStreamToEveryApi() throws Exception {
        fake.enqueue(Upstreams.OPENAI.transcripts().resolve("stream.http"));
        int before = fake.requestCount();
        String question = "What is the capital of France? (streamed)";
        OpenAIClient client = openAi(RunningSluice.KEY);
        String[] texts = new String[2];
        String[] cache = new String[2];
        for (int i = 0; i < 2; i++) {
            StringBuilder text = new StringBuilder();
            var raw = client.chat().completions().withRawResponse().createStreaming(ask("counted", question));
            cache[i] = header(raw, "x-sluice-cache");
            try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
                stream.stream().forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
            }
            texts[i] = text.toString();
        }
        assertThat(cache).containsExactly("miss", "hit");
        assertThat(texts[1]).isEqualTo(texts[0]).isEqualTo(Upstreams.ANSWER);

        AnthropicClient anthropic = AnthropicOkHttpClient.builder().baseUrl(sluice.baseUrl())
                .apiKey(RunningSluice.KEY).maxRetries(0).build();
        var raw = anthropic.messages().withRawResponse().createStreaming(MessageCreateParams.builder()
                .model("counted").maxTokens(100).addUserMessage(question).build());
        StringBuilder anthropicText = new StringBuilder();
        try (StreamResponse<RawMessageStreamEvent> stream = raw.parse()) {
            stream.stream().forEach(e -> e.contentBlockDelta().flatMap(d -> d.delta().text())
                    .ifPresent(t -> anthropicText.append(t.text())));
        }
        assertThat(raw.headers().values("x-sluice-cache")).containsExactly("hit");
        assertThat(anthropicText.toString()).as("stored from OpenAI, replayed as Anthropic events")
                .isEqualTo(Upstreams.ANSWER);

        assertThat(converseStream(question)).as("and as Bedrock's event stream").isEqualTo(Upstreams.ANSWER);
        assertThat(fake.requestCount() - before).as("one upstream request for all four").isEqualTo(1);
    }

    private String converseStream(String question) throws Exception {
        try (BedrockRuntimeAsyncClient client = BedrockRuntimeAsyncClient.builder()
                .endpointOverride(URI.create(sluice.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .tokenProvider(BedrockBearer.of(RunningSluice.KEY)).authSchemeProvider(BedrockBearer.preferBearer())
                .build()) {
            StringBuilder text = new StringBuilder();
            ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                    .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                            .onContentBlockDelta(d -> text.append(d.delta().text())).build())
                    .build();
            client.converseStream(ConverseStreamRequest.builder().modelId("counted")
                    .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(question))
                            .build())
                    .inferenceConfig(c -> c.maxTokens(100)).build(), handler).get(30, TimeUnit.SECONDS);
            return text.toString();
        }
    }

    @Test
    void twoTeamsNeverShareAnswersButTwoKeysOfOneTeamDo() throws Exception {
        admin("POST", "/admin/teams", "{\"name\":\"red\"}", 201);
        admin("POST", "/admin/teams", "{\"name\":\"blue\"}", 201);
        String red1 = admin("POST", "/admin/keys", "{\"name\":\"red-1\",\"team\":\"red\"}", 201).path("key").asText();
        String red2 = admin("POST", "/admin/keys", "{\"name\":\"red-2\",\"team\":\"red\"}", 201).path("key").asText();
        String blue = admin("POST", "/admin/keys", "{\"name\":\"blue-1\",\"team\":\"blue\"}", 201).path("key").asText();
        primeChat(2);
        int before = fake.requestCount();
        String question = "What is the capital of France? (teams)";
        var red = openAi(red1).chat().completions().withRawResponse().create(ask("counted", question));
        var blueAnswer = openAi(blue).chat().completions().withRawResponse().create(ask("counted", question));
        var redAgain = openAi(red2).chat().completions().withRawResponse().create(ask("counted", question));
        assertThat(header(red, "x-sluice-cache")).isEqualTo("miss");
        assertThat(header(blueAnswer, "x-sluice-cache")).as("blue does not see red's answer").isEqualTo("miss");
        assertThat(header(redAgain, "x-sluice-cache")).as("red's other key does").isEqualTo("hit");
        assertThat(fake.requestCount() - before).isEqualTo(2);
    }

    @Test
    void noCacheAsksUpstreamAndStoresNoStoreDoesNeither() {
        primeChat(2);
        int before = fake.requestCount();
        String question = "What is the capital of France? (directives)";
        OpenAIClient client = openAi(RunningSluice.KEY);
        var noStore = client.chat().completions().withRawResponse().create(ask("counted", question).toBuilder()
                .putAdditionalHeader("cache-control", "no-store").build());
        var noCache = client.chat().completions().withRawResponse().create(ask("counted", question).toBuilder()
                .putAdditionalHeader("cache-control", "no-cache").build());
        var plain = client.chat().completions().withRawResponse().create(ask("counted", question));
        assertThat(header(noStore, "x-sluice-cache")).isEqualTo("bypass");
        assertThat(header(noCache, "x-sluice-cache")).isEqualTo("miss");
        assertThat(header(plain, "x-sluice-cache")).as("what no-cache stored").isEqualTo("hit");
        assertThat(fake.requestCount() - before).isEqualTo(2);
    }

    @Test
    void aSimilarQuestionGetsTheStoredAnswerAndSaysHowSimilar() {
        OpenAIClient client = openAi(RunningSluice.KEY);
        var first = client.chat().completions().withRawResponse()
                .create(ask("echo", "What is the capital city of France?"));
        var similar = client.chat().completions().withRawResponse()
                .create(ask("echo", "what's the capital city of France"));
        var other = client.chat().completions().withRawResponse()
                .create(ask("echo", "How long should I bake sourdough bread?"));
        assertThat(header(first, "x-sluice-cache")).isEqualTo("miss");
        assertThat(header(similar, "x-sluice-cache")).isEqualTo("hit");
        assertThat(Double.parseDouble(header(similar, "x-sluice-cache-similarity"))).isBetween(0.85, 1.0);
        assertThat(similar.parse().choices().getFirst().message().content().orElseThrow())
                .as("the first question's answer (the simulator echoes)").contains("What is the capital city");
        assertThat(header(other, "x-sluice-cache")).as("below the threshold").isEqualTo("miss");
        assertThat(header(other, "x-sluice-cache-similarity")).isNull();
        assertThat(other.parse().choices().getFirst().message().content().orElseThrow()).contains("sourdough");
    }

    @Test
    void anAnswerAnOutputGuardrailBlockedIsNeverStored() {
        OpenAIClient client = openAi(RunningSluice.KEY);
        for (int i = 0; i < 2; i++) {
            var blocked = client.chat().completions().withRawResponse()
                    .create(ask("echo-guarded", "then kaboom, it all went up"));
            assertThat(blocked.parse().choices().getFirst().message().content())
                    .hasValue("Sorry, I cannot say that.");
            assertThat(header(blocked, "x-sluice-cache")).as("call " + i).isEqualTo("miss");
        }
        var clean = client.chat().completions().withRawResponse().create(ask("echo-guarded", "a quiet day"));
        var again = client.chat().completions().withRawResponse().create(ask("echo-guarded", "a quiet day"));
        assertThat(header(clean, "x-sluice-cache")).isEqualTo("miss");
        assertThat(header(again, "x-sluice-cache")).as("a clean answer is").isEqualTo("hit");
        assertThat(again.parse().choices().getFirst().message().content().orElseThrow()).contains("a quiet day");
    }

    @Test
    void aRouteIsCachedByItsPublicNameBeforeADeploymentIsChosen() throws Exception {
        primeChat(1);
        int before = fake.requestCount();
        OpenAIClient client = openAi(RunningSluice.KEY);
        var first = client.chat().completions().withRawResponse().create(ask("counted-route", "Route question?"));
        var second = client.chat().completions().withRawResponse().create(ask("counted-route", "Route question?"));
        assertThat(header(first, "x-sluice-cache")).isEqualTo("miss");
        assertThat(header(first, "x-sluice-deployment")).isEqualTo("counted");
        assertThat(header(second, "x-sluice-cache")).isEqualTo("hit");
        assertThat(header(second, "x-sluice-deployment")).as("no deployment served it").isNull();
        assertThat(fake.requestCount() - before).isEqualTo(1);
        JsonNode hit = ledgerRow(header(second, "x-request-id"));
        assertThat(hit.path("cache_hit").asBoolean()).isTrue();
        assertThat(hit.path("route").asText()).as("the hit is the route's").isEqualTo("counted-route");
        assertThat(hit.path("deployment").isNull() || hit.path("deployment").isMissingNode()).isTrue();
    }

    @Test
    void aMalformedRequestToACachedNameIsTheCallersErrorInItsApisShape() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"counted\",\"messages\":\"nope\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(Json.parse(r.body()).path("error").path("message").asText()).contains("messages");
    }

    private JsonNode ledgerRow(String requestId) {
        JsonNode[] row = {null};
        Eventually.await(Duration.ofSeconds(20), "the ledger row of " + requestId, () -> {
            HttpResponse<String> r = get("/admin/requests/" + requestId);
            if (r.statusCode() != 200) {
                return false;
            }
            try {
                row[0] = Json.parse(r.body());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return true;
        });
        return row[0];
    }

    private HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + path))
                    .header("authorization", "Bearer " + RunningSluice.KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode admin(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + path))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        return Json.parse(r.body());
    }
}
