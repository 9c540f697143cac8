package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.StopReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailStreamConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * Guardrails applied by the gateway, through the real SDKs on a real socket, in front of the simulator (echoing the
 * prompt, so that the answer carries what the test put in it) and a fake OpenAI upstream (counting the calls that
 * reach it), with the embedded database keeping the ledger. One guardrail, {@code masking}: a US social security
 * number blocks a prompt, an e-mail address is masked in answers (and only noted in prompts), the word
 * {@code kaboom} blocks an answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayGuardrailsEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BLOCKED_INPUT = "Sorry, I cannot take that prompt.";
    private static final String BLOCKED_OUTPUT = "Sorry, I cannot say that.";
    private static final String SSN = "My SSN is 536-22-1234, please file my taxes.";
    private static final String EMAIL = "jane.doe@example.com";
    /** Plain words, long enough to make the stream's guardrail check it in several windows. */
    private static final String FILLER = "the quick brown fox jumps over the lazy dog and ".repeat(5);

    private FakeUpstream fake;
    private RunningSluice sluice;

    @BeforeAll
    void start(@TempDir Path dir) {
        fake = new FakeUpstream();
        sluice = new RunningSluice("""
                providers:
                  - {id: sim, type: simulator}
                  - {id: up, type: openai, base_url: '%s/v1', api_key: sk-up}
                models:
                  - {name: echo, provider: sim, options: {reply: echo}}
                  - {name: guarded, provider: sim, options: {reply: echo}, guardrail: {id: masking, version: 1}}
                  - {name: counted, provider: up, upstream_model: gpt-4o-mini}
                guardrails:
                  definitions:
                    - id: masking
                      name: masking
                      blocked_input_messaging: "%s"
                      blocked_outputs_messaging: "%s"
                      sensitive_information_policy_config:
                        pii_entities_config:
                          - {type: US_SOCIAL_SECURITY_NUMBER, action: BLOCK}
                          - {type: EMAIL, action: ANONYMIZE, input_action: NONE}
                      word_policy_config:
                        words_config: [{text: kaboom, input_action: NONE, output_action: BLOCK}]
                """.formatted(fake.baseUri(), BLOCKED_INPUT, BLOCKED_OUTPUT), dir);
    }

    @AfterAll
    void stop() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private static Message user(String text) {
        return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build();
    }

    private static GuardrailConfiguration guardrail() {
        return GuardrailConfiguration.builder().guardrailIdentifier("masking").guardrailVersion("1").build();
    }

    private BedrockRuntimeClient bedrock() {
        return BedrockRuntimeClient.builder().endpointOverride(URI.create(sluice.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .tokenProvider(BedrockBearer.of(RunningSluice.KEY)).authSchemeProvider(BedrockBearer.preferBearer())
                .build();
    }

    private OpenAIClient openAi() {
        return OpenAIOkHttpClient.builder().baseUrl(sluice.baseUrl() + "/v1").apiKey(RunningSluice.KEY)
                .maxRetries(0).build();
    }

    @Test
    void converseWithGuardrailConfigBlocksTheInputAndMasksTheOutput() {
        try (BedrockRuntimeClient client = bedrock()) {
            ConverseResponse blocked = client.converse(b -> b.modelId("echo").messages(user(SSN))
                    .guardrailConfig(guardrail()));
            assertThat(blocked.stopReasonAsString()).isEqualTo("guardrail_intervened");
            assertThat(blocked.output().message().content().getFirst().text()).isEqualTo(BLOCKED_INPUT);
            assertThat(blocked.trace()).as("no trace unless asked for").isNull();

            ConverseResponse traced = client.converse(b -> b.modelId("echo").messages(user(SSN))
                    .guardrailConfig(guardrail().toBuilder().trace(
                            software.amazon.awssdk.services.bedrockruntime.model.GuardrailTrace.ENABLED).build()));
            var entity = traced.trace().guardrail().inputAssessment().get("masking").sensitiveInformationPolicy()
                    .piiEntities().getFirst();
            assertThat(entity.typeAsString()).isEqualTo("US_SOCIAL_SECURITY_NUMBER");
            assertThat(entity.actionAsString()).isEqualTo("BLOCKED");

            ConverseResponse masked = client.converse(b -> b.modelId("echo")
                    .messages(user("Please write to " + EMAIL + " today")).guardrailConfig(guardrail().toBuilder()
                            .trace(software.amazon.awssdk.services.bedrockruntime.model.GuardrailTrace.ENABLED)
                            .build()));
            String text = masked.output().message().content().getFirst().text();
            assertThat(text).contains("{EMAIL}").doesNotContain(EMAIL);
            var output = masked.trace().guardrail().outputAssessments().get("masking").getFirst()
                    .sensitiveInformationPolicy().piiEntities().getFirst();
            assertThat(output.typeAsString()).isEqualTo("EMAIL");
            assertThat(output.actionAsString()).isEqualTo("ANONYMIZED");

            ConverseResponse unguarded = client.converse(b -> b.modelId("echo")
                    .messages(user("Please write to " + EMAIL + " today")));
            assertThat(unguarded.output().message().content().getFirst().text()).as("no guardrail, no mask")
                    .contains(EMAIL);
        }
    }

    @Test
    void converseStreamWithGuardrailConfigBlocksTheInputAndMasksTheOutput() throws Exception {
        try (BedrockRuntimeAsyncClient client = BedrockRuntimeAsyncClient.builder()
                .endpointOverride(URI.create(sluice.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .tokenProvider(BedrockBearer.of(RunningSluice.KEY)).authSchemeProvider(BedrockBearer.preferBearer())
                .build()) {
            GuardrailStreamConfiguration sync = GuardrailStreamConfiguration.builder().guardrailIdentifier("masking")
                    .guardrailVersion("1").build();
            Streamed blocked = converseStream(client, SSN, sync);
            assertThat(blocked.text()).isEqualTo(BLOCKED_INPUT);
            assertThat(blocked.stop()).isEqualTo("guardrail_intervened");
            assertThat(blocked.trace()).isNull();

            Streamed masked = converseStream(client, FILLER + "write to " + EMAIL + " today " + FILLER,
                    sync.toBuilder().trace(software.amazon.awssdk.services.bedrockruntime.model.GuardrailTrace.ENABLED)
                            .build());
            assertThat(masked.text()).contains("{EMAIL}").doesNotContain(EMAIL).startsWith(FILLER.strip());
            assertThat(masked.stop()).isEqualTo("end_turn");
            assertThat(masked.trace().guardrail().outputAssessments().get("masking"))
                    .as("the trace in the metadata event: every window's assessment").hasSizeGreaterThan(1)
                    .filteredOn(a -> a.sensitiveInformationPolicy() != null)
                    .singleElement().satisfies(a -> assertThat(a.sensitiveInformationPolicy().piiEntities()
                            .getFirst().typeAsString()).isEqualTo("EMAIL"));

            Streamed async = converseStream(client, FILLER + FILLER + "and then kaboom, it all went up " + FILLER,
                    sync.toBuilder().streamProcessingMode(
                            software.amazon.awssdk.services.bedrockruntime.model.GuardrailStreamProcessingMode.ASYNC)
                            .build());
            assertThat(async.text()).as("async: delivered first, checked after").contains("kaboom")
                    .endsWith(BLOCKED_OUTPUT);
            assertThat(async.stop()).isEqualTo("guardrail_intervened");
        }
    }

    /** A stream's text, stop reason and guardrail trace (null when none came). */
    private record Streamed(String text, String stop,
                            software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamTrace trace) { }

    private static Streamed converseStream(BedrockRuntimeAsyncClient client, String prompt,
                                           GuardrailStreamConfiguration guardrail) throws Exception {
        StringBuilder text = new StringBuilder();
        AtomicReference<String> stop = new AtomicReference<>();
        AtomicReference<software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamTrace> trace =
                new AtomicReference<>();
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockDelta(d -> text.append(d.delta().text()))
                        .onMessageStop(m -> stop.set(m.stopReasonAsString()))
                        .onMetadata(m -> trace.set(m.trace()))
                        .build())
                .build();
        client.converseStream(ConverseStreamRequest.builder().modelId("echo").messages(user(prompt))
                .guardrailConfig(guardrail).build(), handler).get(30, TimeUnit.SECONDS);
        return new Streamed(text.toString(), stop.get(), trace.get());
    }

    @Test
    void anOpenAiStreamIsCutWithContentFilter() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("echo")
                .addUserMessage(FILLER + FILLER + "and then kaboom, it all went up " + FILLER).maxCompletionTokens(2000)
                .putAdditionalHeader("x-sluice-guardrail", "masking:1").build();
        StringBuilder text = new StringBuilder();
        List<String> finishes = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = openAi().chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> {
                c.delta().content().ifPresent(text::append);
                c.finishReason().ifPresent(f -> finishes.add(f.asString()));
            }));
        }
        assertThat(finishes).containsExactly("content_filter");
        assertThat(text.toString()).doesNotContain("kaboom").endsWith(BLOCKED_OUTPUT)
                .as("text checked before the word was released").startsWith("the quick brown fox");
    }

    @Test
    void aPiiValueSplitAcrossStreamChunksIsMasked() {
        // the model's guardrail (models[].guardrail) applies with no header; the address straddles the first window
        String prompt = FILLER.substring(0, 230) + " " + EMAIL + " " + FILLER;
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("guarded")
                .addUserMessage(prompt).maxCompletionTokens(2000).build();
        StringBuilder text = new StringBuilder();
        int[] chunks = {0};
        try (StreamResponse<ChatCompletionChunk> stream = openAi().chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(t -> {
                text.append(t);
                chunks[0]++;
            })));
        }
        assertThat(text.toString()).contains(" {EMAIL} ").doesNotContain("jane").doesNotContain("example.com");
        assertThat(text.toString()).isEqualTo(prompt.replace(EMAIL, "{EMAIL}"));
        assertThat(chunks[0]).as("released in several pieces as it flowed").isGreaterThan(1);
    }

    @Test
    void anAnthropicCallIsBlockedWithRefusal() {
        AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(sluice.baseUrl()).apiKey(RunningSluice.KEY)
                .maxRetries(0).build();
        var message = client.messages().create(MessageCreateParams.builder().model("echo").maxTokens(100)
                .addUserMessage(SSN).putAdditionalHeader("x-sluice-guardrail", "masking:1").build());
        assertThat(message.stopReason()).contains(StopReason.REFUSAL);
        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo(BLOCKED_INPUT);
    }

    @Test
    void blockedInputNeverReachesTheUpstreamAndTheLedgerRowHasTheVerdict() throws Exception {
        int before = fake.requestCount();
        HttpResponse<String> blocked = HTTP.send(HttpRequest.newBuilder(
                        URI.create(sluice.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .header("x-sluice-guardrail", "masking:1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"counted\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"" + SSN + "\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(blocked.statusCode()).as(blocked.body()).isEqualTo(200);
        JsonNode choice = Json.parse(blocked.body()).path("choices").path(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("content_filter");
        assertThat(choice.path("message").path("content").asText()).isEqualTo(BLOCKED_INPUT);
        assertThat(fake.requestCount()).as("the blocked prompt went nowhere").isEqualTo(before);

        fake.enqueue(Upstreams.OPENAI.transcripts().resolve("chat.http"));
        ChatCompletion allowed = openAi().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("counted").addUserMessage("What is the capital of France?")
                .putAdditionalHeader("x-sluice-guardrail", "masking:1").build());
        assertThat(allowed.choices().getFirst().message().content()).hasValue(Upstreams.ANSWER);
        assertThat(fake.requestCount()).as("a clean prompt goes upstream").isEqualTo(before + 1);

        String id = blocked.headers().firstValue("x-request-id").orElseThrow();
        JsonNode[] row = {null};
        Eventually.await(Duration.ofSeconds(20), "the ledger row of " + id, () -> {
            row[0] = adminGet("/admin/requests/" + id);
            return row[0] != null;
        });
        assertThat(row[0].path("guardrail_id").asText()).isEqualTo("masking");
        assertThat(row[0].path("guardrail_version").asText()).isEqualTo("1");
        assertThat(row[0].path("guardrail_action").asText()).isEqualTo("blocked");
        assertThat(row[0].path("guardrail_us").asLong()).isPositive();
        assertThat(row[0].path("attempts").asInt()).isZero();
        JsonNode finding = row[0].path("guardrail_findings").path(0);
        assertThat(finding.path("source").asText()).isEqualTo("input");
        assertThat(finding.path("policy").asText()).isEqualTo("sensitiveInformationPolicy");
        assertThat(finding.path("type").asText()).isEqualTo("US_SOCIAL_SECURITY_NUMBER");
        assertThat(finding.path("action").asText()).isEqualTo("blocked");
        assertThat(row[0].toString()).as("the matched text is never stored").doesNotContain("536-22-1234");

        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("sluice_guardrail_findings_total\\{.*policy=\"sensitiveInformationPolicy\""
                + ".*type=\"US_SOCIAL_SECURITY_NUMBER\".*\\} [1-9]");
    }

    /** The admin API's JSON at {@code path}, or null on 404. */
    private JsonNode adminGet(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + path))
                    .header("authorization", "Bearer " + RunningSluice.KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Json.parse(r.body()) : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
