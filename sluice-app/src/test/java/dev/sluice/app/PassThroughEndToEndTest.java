package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import dev.sluice.testkit.FakeUpstream;
import dev.sluice.testkit.Transcript;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

/**
 * The fast path seen from the official Anthropic and AWS Bedrock SDKs: a whole answer from an upstream of the caller's
 * own wire format reaches the caller as the upstream wrote it, fields the canonical encoder would not write included,
 * with only the model renamed to the public name; and the ledger still records its usage.
 */
class PassThroughEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void theAnthropicSdkGetsTheUpstreamsMessageAsItIsButForTheModel() throws Exception {
        String answer = "{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"text\",\"text\":\""
                + Upstreams.ANSWER + "\"}],\"stop_reason\":\"max_tokens\",\"stop_sequence\":null,\"usage\":"
                + "{\"input_tokens\":21,\"cache_creation_input_tokens\":3,\"cache_read_input_tokens\":5,"
                + "\"output_tokens\":8,\"service_tier\":\"standard\"},\"sluice_probe\":\"from the upstream\"}";
        try (FakeUpstream fake = new FakeUpstream(); RunningSluice sluice = new RunningSluice(
                "providers: [{id: up, type: anthropic, base_url: '" + fake.baseUri() + "', api_key: sk-ant}]\n"
                        + "models: [{name: m, provider: up, upstream_model: claude-sonnet-4-5}]\n", dir)) {
            fake.enqueue(json(answer, Map.of()));
            AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(sluice.baseUrl())
                    .apiKey(RunningSluice.KEY).maxRetries(0).build();
            HttpResponseFor<Message> raw = client.messages().withRawResponse().create(MessageCreateParams.builder()
                    .model("m").maxTokens(100).addUserMessage("What is the capital of France?")
                    .metadata(com.anthropic.models.messages.Metadata.builder().userId("user-7731").build())
                    .putAdditionalBodyProperty("x_caller_probe", JsonValue.from("from the caller")).build());
            Message message = raw.parse();

            assertThat(message._additionalProperties()).as("a field only the upstream wrote reached the caller")
                    .containsEntry("sluice_probe", JsonValue.from("from the upstream"));
            assertThat(message.model().asString()).isEqualTo("m");
            assertThat(message.id()).isEqualTo("msg_01XFDUDYJgAACzvnptvVoYEL");
            assertThat(message.usage().cacheReadInputTokens()).hasValue(5L);
            JsonNode sent = Json.parse(fake.takeRequest().getBody().toByteArray());
            assertThat(sent.path("model").asText()).isEqualTo("claude-sonnet-4-5");
            assertThat(sent.path("x_caller_probe").asText()).as("a field only the caller wrote reached the upstream")
                    .isEqualTo("from the caller");

            JsonNode row = ledgerRow(sluice, raw.headers().values("x-request-id").getFirst());
            assertRecorded(row, "claude-sonnet-4-5", "msg_01XFDUDYJgAACzvnptvVoYEL");
            assertThat(row.path("user_id").asText()).as("metadata.user_id, read without decoding the request")
                    .isEqualTo("user-7731");
        }
    }

    @Test
    void anOpenAiCallersUserIsRecordedThoughTheBodyIsPassedThrough() throws Exception {
        String answer = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":"
                + "\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + "\"Paris.\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":21,\"completion_tokens\":8,"
                + "\"total_tokens\":29}}";
        try (FakeUpstream fake = new FakeUpstream(); RunningSluice sluice = new RunningSluice(
                "providers: [{id: up, type: openai, base_url: '" + fake.baseUri() + "', api_key: sk-up}]\n"
                        + "models: [{name: m, provider: up, upstream_model: gpt-4o-mini}]\n", dir)) {
            fake.enqueue(json(answer, Map.of()));
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl()
                    + "/v1/chat/completions")).header("authorization", "Bearer " + RunningSluice.KEY)
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"m\",\"user\":\"user-42\",\"x_probe\":1,\"messages\":[{\"role\":\"user\","
                                    + "\"content\":\"Capital of France?\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(Json.parse(fake.takeRequest().getBody().toByteArray()).path("x_probe").asInt())
                    .as("passed through, not decoded and encoded").isEqualTo(1);
            JsonNode row = ledgerRow(sluice, r.headers().firstValue("x-request-id").orElseThrow());
            assertThat(row.path("user_id").asText()).isEqualTo("user-42");
        }
    }

    @Test
    void anAnthropicCallersBetaFlagsReachAnAnthropicUpstreamWithTheConfiguredOnes() throws Exception {
        String answer = "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}";
        String openAiAnswer = "{\"id\":\"msg_02\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}";
        try (FakeUpstream fake = new FakeUpstream(); RunningSluice sluice = new RunningSluice(
                "providers: [{id: up, type: anthropic, base_url: '" + fake.baseUri() + "', api_key: sk-ant, "
                        + "anthropic_beta: token-efficient-tools-2025-02-19}]\n"
                        + "models: [{name: m, provider: up, upstream_model: claude-sonnet-4-5}]\n", dir)) {
            fake.enqueue(json(answer, Map.of())).enqueue(json(openAiAnswer, Map.of()));
            AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(sluice.baseUrl())
                    .apiKey(RunningSluice.KEY).maxRetries(0).build();
            client.messages().create(MessageCreateParams.builder().model("m").maxTokens(10).addUserMessage("hi")
                    .putAdditionalHeader("anthropic-beta", "context-1m-2025-08-07,token-efficient-tools-2025-02-19")
                    .build());
            assertThat(fake.takeRequest().getHeaders().get("anthropic-beta")).as("each flag once")
                    .isEqualTo("token-efficient-tools-2025-02-19,context-1m-2025-08-07");

            HttpResponse<String> viaOpenAi = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(sluice.baseUrl() + "/v1/chat/completions"))
                    .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                    .header("anthropic-beta", "context-1m-2025-08-07")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"max_tokens\":10,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(viaOpenAi.statusCode()).isEqualTo(200);
            assertThat(fake.takeRequest().getHeaders().get("anthropic-beta"))
                    .as("an OpenAI caller's Anthropic header is not passed on").isEqualTo("token-efficient-tools-2025-02-19");
        }
    }

    @Test
    void theBedrockSdkGetsTheUpstreamsConverseAnswerAsItIs() throws Exception {
        String requestId = "5d8e2f10-7c4b-4a9e-b1d3-0e6f9a2c4b81";
        String answer = "{\"metrics\":{\"latencyMs\":987654},\"output\":{\"message\":{\"content\":[{\"text\":\""
                + Upstreams.ANSWER + "\"}],\"role\":\"assistant\"}},\"stopReason\":\"max_tokens\",\"usage\":"
                + "{\"inputTokens\":21,\"outputTokens\":8,\"totalTokens\":37,\"cacheReadInputTokens\":5,"
                + "\"cacheWriteInputTokens\":3},\"additionalModelResponseFields\":"
                + "{\"sluice_probe\":\"from the upstream\"}}";
        try (FakeUpstream fake = new FakeUpstream(); RunningSluice sluice = new RunningSluice(
                "providers: [{id: up, type: bedrock, base_url: '" + fake.baseUri() + "', region: us-east-1, "
                        + "access_key_id: AKIDEXAMPLE, secret_access_key: wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY}]\n"
                        + "models: [{name: m, provider: up, upstream_model: 'amazon.nova-lite-v1:0'}]\n", dir);
             BedrockRuntimeClient client = BedrockRuntimeClient.builder()
                     .endpointOverride(URI.create(sluice.baseUrl())).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("u", "u")))
                     .tokenProvider(BedrockBearer.of(RunningSluice.KEY))
                     .authSchemeProvider(BedrockBearer.preferBearer()).build()) {
            fake.enqueue(json(answer, Map.of("x-amzn-RequestId", requestId)));
            var question = software.amazon.awssdk.services.bedrockruntime.model.Message.builder()
                    .role(ConversationRole.USER).content(ContentBlock.fromText("What is the capital of France?"))
                    .build();
            ConverseResponse response = client.converse(b -> b.modelId("m").messages(question)
                    .additionalModelRequestFields(Document.mapBuilder()
                            .putString("x_caller_probe", "from the caller").build()));

            Document extra = response.additionalModelResponseFields();
            assertThat(extra == null ? null : extra.asMap().get("sluice_probe").asString())
                    .as("a field only the upstream wrote reached the caller").isEqualTo("from the upstream");
            assertThat(response.metrics().latencyMs()).as("the upstream's own metrics pass").isEqualTo(987654);
            assertThat(response.output().message().content().getFirst().text()).isEqualTo(Upstreams.ANSWER);
            assertThat(response.responseMetadata().requestId()).isEqualTo(requestId);
            RecordedRequest sent = fake.takeRequest();
            assertThat(sent.getTarget()).isEqualTo("/model/amazon.nova-lite-v1%3A0/converse");
            assertThat(sent.getHeaders().get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/");
            assertThat(Json.parse(sent.getBody().toByteArray()).path("additionalModelRequestFields")
                    .path("x_caller_probe").asText()).as("a field only the caller wrote reached the upstream")
                    .isEqualTo("from the caller");

            assertRecorded(ledgerRow(sluice, response.sdkHttpResponse().firstMatchingHeader("x-request-id")
                    .orElseThrow()), "amazon.nova-lite-v1:0", requestId);
        }
    }

    /**
     * The row of a call whose answer said: 21 uncached input tokens, 3 written to and 5 read from the cache, 8 out,
     * stopped at the output limit.
     */
    private static void assertRecorded(JsonNode row, String upstreamModel, String responseId) {
        assertThat(row.path("model").asText()).isEqualTo("m");
        assertThat(row.path("upstream_model").asText()).isEqualTo(upstreamModel);
        assertThat(row.path("input_tokens").asLong()).isEqualTo(29);
        assertThat(row.path("output_tokens").asLong()).isEqualTo(8);
        assertThat(row.path("cache_read_tokens").asLong()).isEqualTo(5);
        assertThat(row.path("cache_write_tokens").asLong()).isEqualTo(3);
        assertThat(row.path("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(row.path("response_id").asText()).isEqualTo(responseId);
    }

    private static Transcript json(String body, Map<String, String> headers) {
        List<String[]> all = new ArrayList<>();
        all.add(new String[] {"content-type", "application/json"});
        headers.forEach((k, v) -> all.add(new String[] {k, v}));
        return new Transcript(200, all, body.getBytes(StandardCharsets.UTF_8));
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
