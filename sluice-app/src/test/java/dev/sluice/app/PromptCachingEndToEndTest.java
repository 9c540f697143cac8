package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.TextBlockParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.sluice.api.json.Json;
import dev.sluice.testkit.FakeUpstream;
import dev.sluice.testkit.Transcript;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointType;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * Provider prompt caching through translation, seen from the official SDKs: an Anthropic caller's
 * {@code cache_control} reaches a Bedrock Claude upstream as {@code cachePoint}s and a Bedrock caller's
 * {@code cachePoint}s reach an Anthropic upstream as {@code cache_control}; the cached-token counts come back in the
 * caller's own usage shape (OpenAI's {@code cached_tokens} too), and the ledger records them at the cache prices.
 */
class PromptCachingEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BEDROCK_PROVIDER = "providers: [{id: up, type: bedrock, base_url: '%s',"
            + " region: us-east-1, access_key_id: AKIDEXAMPLE,"
            + " secret_access_key: wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY}]\n";
    /** Dollars per million tokens: 21 uncached in, 5 read, 3 written and 8 out cost $0.00019575. */
    private static final String PRICES = "prices: {input: 3, output: 15, cache_read: 0.3, cache_write: 3.75}";

    @TempDir
    Path dir;

    @Test
    void anAnthropicCallersCacheControlReachesABedrockClaudeUpstreamAsCachePoints() throws Exception {
        String converse = "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"Paris.\"}]}},"
                + "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":21,\"outputTokens\":8,\"totalTokens\":37,"
                + "\"cacheReadInputTokens\":5,\"cacheWriteInputTokens\":3},\"metrics\":{\"latencyMs\":120}}";
        try (FakeUpstream fake = new FakeUpstream(); RunningSluice sluice = new RunningSluice(
                BEDROCK_PROVIDER.formatted(fake.baseUri()) + "models: [{name: m, provider: up, upstream_model: "
                        + "'us.anthropic.claude-sonnet-4-5-20250929-v1:0', " + PRICES + "}]\n", dir)) {
            fake.enqueue(json(converse));
            AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(sluice.baseUrl())
                    .apiKey(RunningSluice.KEY).maxRetries(0).build();
            HttpResponseFor<Message> raw = client.messages().withRawResponse().create(MessageCreateParams.builder()
                    .model("m").maxTokens(100)
                    .systemOfTextBlockParams(List.of(TextBlockParam.builder().text("The long house policy.")
                            .cacheControl(CacheControlEphemeral.builder().ttl(CacheControlEphemeral.Ttl.TTL_1H)
                                    .build()).build()))
                    .addUserMessageOfContentBlockParams(List.of(
                            ContentBlockParam.ofText(TextBlockParam.builder().text("A long document.")
                                    .cacheControl(CacheControlEphemeral.builder().build()).build()),
                            ContentBlockParam.ofText(TextBlockParam.builder().text("Which city?").build())))
                    .build());
            Message message = raw.parse();

            JsonNode sent = Json.parse(fake.takeRequest().getBody().toByteArray());
            assertThat(sent.get("system")).isEqualTo(Json.parse("[{\"text\":\"The long house policy.\"},"
                    + "{\"cachePoint\":{\"type\":\"default\",\"ttl\":\"1h\"}}]"));
            assertThat(sent.path("messages").get(0).get("content")).isEqualTo(Json.parse("[{\"text\":\"A long "
                    + "document.\"},{\"cachePoint\":{\"type\":\"default\"}},{\"text\":\"Which city?\"}]"));
            assertThat(message.usage().inputTokens()).as("Anthropic counts uncached input apart").isEqualTo(21);
            assertThat(message.usage().cacheReadInputTokens()).hasValue(5L);
            assertThat(message.usage().cacheCreationInputTokens()).hasValue(3L);
            JsonNode row = ledgerRow(sluice, raw.headers().values("x-request-id").getFirst());
            assertThat(row.path("input_tokens").asLong()).isEqualTo(29);
            assertThat(row.path("cache_read_tokens").asLong()).isEqualTo(5);
            assertThat(row.path("cache_write_tokens").asLong()).isEqualTo(3);
            assertThat(new BigDecimal(row.path("cost_usd").asText())).isEqualByComparingTo("0.00019575");
        }
    }

    @Test
    void aBedrockCallersCachePointsReachAnAnthropicUpstreamAsCacheControl() throws Exception {
        String answer = "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"Paris.\"}],\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":21,\"cache_creation_input_tokens\":3,"
                + "\"cache_read_input_tokens\":5,\"output_tokens\":8}}";
        try (FakeUpstream fake = new FakeUpstream(); RunningSluice sluice = new RunningSluice(
                "providers: [{id: up, type: anthropic, base_url: '" + fake.baseUri() + "', api_key: sk-ant}]\n"
                        + "models: [{name: m, provider: up, upstream_model: claude-sonnet-4-5}]\n", dir);
             BedrockRuntimeClient client = BedrockRuntimeClient.builder()
                     .endpointOverride(URI.create(sluice.baseUrl())).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("u", "u")))
                     .tokenProvider(BedrockBearer.of(RunningSluice.KEY))
                     .authSchemeProvider(BedrockBearer.preferBearer()).build()) {
            fake.enqueue(json(answer));
            CachePointBlock point = CachePointBlock.builder().type(CachePointType.DEFAULT).build();
            var question = software.amazon.awssdk.services.bedrockruntime.model.Message.builder()
                    .role(ConversationRole.USER).content(ContentBlock.fromText("A long document."),
                            ContentBlock.fromCachePoint(point), ContentBlock.fromText("Which city?")).build();
            ConverseResponse response = client.converse(b -> b.modelId("m").messages(question)
                    .system(SystemContentBlock.fromText("The long house policy."), SystemContentBlock.fromCachePoint(
                            point.toBuilder().ttl("1h").build())));

            JsonNode sent = Json.parse(fake.takeRequest().getBody().toByteArray());
            assertThat(sent.get("system")).isEqualTo(Json.parse("[{\"type\":\"text\",\"text\":\"The long house "
                    + "policy.\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}]"));
            assertThat(sent.path("messages").get(0).get("content")).isEqualTo(Json.parse("[{\"type\":\"text\","
                    + "\"text\":\"A long document.\",\"cache_control\":{\"type\":\"ephemeral\"}},"
                    + "{\"type\":\"text\",\"text\":\"Which city?\"}]"));
            assertThat(response.usage().inputTokens()).as("Bedrock counts uncached input apart").isEqualTo(21);
            assertThat(response.usage().cacheReadInputTokens()).isEqualTo(5);
            assertThat(response.usage().cacheWriteInputTokens()).isEqualTo(3);
        }
    }

    @Test
    void anOpenAiCallerSeesTheUpstreamsCacheReadsAsCachedTokens() throws Exception {
        String converse = "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"Paris.\"}]}},"
                + "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":21,\"outputTokens\":8,\"totalTokens\":37,"
                + "\"cacheReadInputTokens\":5,\"cacheWriteInputTokens\":3},\"metrics\":{\"latencyMs\":120}}";
        try (FakeUpstream fake = new FakeUpstream(); RunningSluice sluice = new RunningSluice(
                BEDROCK_PROVIDER.formatted(fake.baseUri()) + "models: [{name: m, provider: up, upstream_model: "
                        + "'us.anthropic.claude-sonnet-4-5-20250929-v1:0'}]\n", dir)) {
            fake.enqueue(json(converse));
            OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(sluice.baseUrl() + "/v1")
                    .apiKey(RunningSluice.KEY).maxRetries(0).build();
            ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("m").addUserMessage("Which city?").build());
            var usage = completion.usage().orElseThrow();
            assertThat(usage.promptTokens()).as("OpenAI counts cached input in the prompt").isEqualTo(29);
            assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).hasValue(5L);
            assertThat(Json.parse(fake.takeRequest().getBody().toByteArray()).toString()).doesNotContain("cachePoint");
        }
    }

    private static Transcript json(String body) {
        return new Transcript(200, List.<String[]>of(new String[] {"content-type", "application/json"}),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** The call's ledger row from the admin API, waiting (up to 10 s) for the ledger's writer to store it. */
    private static JsonNode ledgerRow(RunningSluice sluice, String requestId) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/admin/requests/"
                    + requestId)).header("authorization", "Bearer " + RunningSluice.KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return Json.parse(r.body());
            }
            assertThat(System.nanoTime()).as("the call reached the ledger: " + r.body()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
