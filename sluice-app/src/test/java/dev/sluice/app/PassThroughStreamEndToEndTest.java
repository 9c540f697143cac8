package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.sluice.api.json.Json;
import dev.sluice.testkit.FakeUpstream;
import dev.sluice.testkit.Transcript;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
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
import software.amazon.eventstream.HeaderValue;

/**
 * The streamed fast path seen from the official OpenAI, Anthropic and AWS Bedrock SDKs: each event of a stream from
 * an upstream of the caller's own format reaches the caller as the upstream wrote it, with what only the upstream
 * wrote (fields, thinking, its own metrics), the model renamed; and the ledger still records the stream's usage, the
 * usage the OpenAI caller did not ask to see included.
 */
class PassThroughStreamEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void eachSdksStreamPassesAsTheUpstreamWroteItAndIsRecorded() throws Exception {
        try (FakeUpstream fake = new FakeUpstream(); RunningSluice sluice = new RunningSluice(
                "providers:\n"
                        + "  - {id: oai, type: openai, base_url: '" + fake.baseUri() + "/v1', api_key: sk-up}\n"
                        + "  - {id: ant, type: anthropic, base_url: '" + fake.baseUri() + "', api_key: sk-ant}\n"
                        + "  - {id: br, type: bedrock, base_url: '" + fake.baseUri() + "', region: us-east-1, "
                        + "access_key_id: AKIDEXAMPLE, secret_access_key: wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY}\n"
                        + "models:\n"
                        + "  - {name: m-oai, provider: oai, upstream_model: gpt-4o-mini}\n"
                        + "  - {name: m-ant, provider: ant, upstream_model: claude-sonnet-4-5}\n"
                        + "  - {name: m-br, provider: br, upstream_model: 'amazon.nova-lite-v1:0'}\n", dir)) {
            openAi(fake, sluice);
            anthropic(fake, sluice);
            bedrock(fake, sluice);
        }
    }

    private void openAi(FakeUpstream fake, RunningSluice sluice) throws Exception {
        Transcript recorded = Transcript.load(Upstreams.OPENAI.transcripts().resolve("stream.http"));
        String body = new String(recorded.body(), StandardCharsets.UTF_8)
                .replace("\"obfuscation\":\"x7\"", "\"sluice_probe\":\"from the upstream\"");
        fake.enqueue(new Transcript(200, recorded.headers(), body.getBytes(StandardCharsets.UTF_8)));
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(sluice.baseUrl() + "/v1")
                .apiKey(RunningSluice.KEY).maxRetries(0).build();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("m-oai").addUserMessage("What is the capital of France?")
                        .build())) {
            stream.stream().forEach(chunks::add);
        }
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
        assertThat(text.toString()).isEqualTo(Upstreams.ANSWER);
        assertThat(chunks).allSatisfy(c -> assertThat(c.model()).isEqualTo("m-oai"));
        assertThat(chunks.get(1)._additionalProperties()).as("a field only the upstream wrote reached the caller")
                .containsEntry("sluice_probe", JsonValue.from("from the upstream"));
        assertThat(chunks).as("the usage chunk the caller did not ask for")
                .noneMatch(c -> c.choices().isEmpty() && c.usage().isPresent());
        JsonNode sent = Json.parse(fake.takeRequest().getBody().toByteArray());
        assertThat(sent.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();

        JsonNode row = ledgerRow(sluice, chunks.getFirst().id(), "m-oai");
        assertThat(row.path("input_tokens").asLong()).isEqualTo(21);
        assertThat(row.path("output_tokens").asLong()).isEqualTo(8);
        assertThat(row.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(row.path("stream").asBoolean()).isTrue();
        assertThat(row.path("ttft_ms").isNull()).isFalse();
    }

    private void anthropic(FakeUpstream fake, RunningSluice sluice) throws Exception {
        String stream = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_pass1\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],"
                + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":21,\"output_tokens\":1}}}\n\n"
                + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"France's capital...\"}}\n\n"
                + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + Upstreams.ANSWER + "\"}}\n\n"
                + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n"
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":8}}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        fake.enqueue(new Transcript(200, List.<String[]>of(new String[] {"content-type", "text/event-stream"}),
                stream.getBytes(StandardCharsets.UTF_8)));
        AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(sluice.baseUrl())
                .apiKey(RunningSluice.KEY).maxRetries(0).build();
        StringBuilder thinking = new StringBuilder();
        StringBuilder text = new StringBuilder();
        String[] model = {null};
        try (var s = client.messages().createStreaming(MessageCreateParams.builder().model("m-ant").maxTokens(100)
                .addUserMessage("What is the capital of France?").build())) {
            s.stream().forEach((RawMessageStreamEvent e) -> {
                e.messageStart().ifPresent(m -> model[0] = m.message().model().asString());
                e.contentBlockDelta().ifPresent(d -> {
                    d.delta().thinking().ifPresent(t -> thinking.append(t.thinking()));
                    d.delta().text().ifPresent(t -> text.append(t.text()));
                });
            });
        }
        assertThat(thinking.toString()).as("thinking, which translation drops, reached the caller")
                .isEqualTo("France's capital...");
        assertThat(text.toString()).isEqualTo(Upstreams.ANSWER);
        assertThat(model[0]).isEqualTo("m-ant");
        assertThat(Json.parse(fake.takeRequest().getBody().toByteArray()).path("model").asText())
                .isEqualTo("claude-sonnet-4-5");
        JsonNode row = ledgerRow(sluice, "msg_pass1", "m-ant");
        assertThat(row.path("input_tokens").asLong()).isEqualTo(21);
        assertThat(row.path("output_tokens").asLong()).isEqualTo(8);
    }

    private void bedrock(FakeUpstream fake, RunningSluice sluice) throws Exception {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        event(frames, "messageStart", "{\"role\":\"assistant\"}");
        event(frames, "contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"" + Upstreams.ANSWER
                + "\"}}");
        event(frames, "contentBlockStop", "{\"contentBlockIndex\":0}");
        event(frames, "messageStop", "{\"stopReason\":\"end_turn\"}");
        event(frames, "metadata", "{\"usage\":{\"inputTokens\":21,\"outputTokens\":8,\"totalTokens\":29},"
                + "\"metrics\":{\"latencyMs\":987654}}");
        String requestId = "0c2d7a4e-5b3f-4e61-a9d8-7f1e2b3c4d5e";
        fake.enqueue(new Transcript(200, List.of(new String[] {"content-type", "application/vnd.amazon.eventstream"},
                new String[] {"x-amzn-RequestId", requestId}), frames.toByteArray()));
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("unused", "unused"));
        try (BedrockRuntimeAsyncClient client = BedrockRuntimeAsyncClient.builder()
                .endpointOverride(URI.create(sluice.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(creds).tokenProvider(BedrockBearer.of(RunningSluice.KEY))
                .authSchemeProvider(BedrockBearer.preferBearer()).build()) {
            StringBuilder text = new StringBuilder();
            long[] latency = {0};
            ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                    .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                            .onContentBlockDelta(d -> text.append(d.delta().text()))
                            .onMetadata(m -> latency[0] = m.metrics().latencyMs())
                            .build())
                    .build();
            Message question = Message.builder().role(ConversationRole.USER)
                    .content(ContentBlock.fromText("What is the capital of France?")).build();
            client.converseStream(ConverseStreamRequest.builder().modelId("m-br").messages(question).build(), handler)
                    .get(30, TimeUnit.SECONDS);
            assertThat(text.toString()).isEqualTo(Upstreams.ANSWER);
            assertThat(latency[0]).as("the upstream's own metrics, which translation replaces").isEqualTo(987654);
        }
        assertThat(fake.takeRequest().getTarget()).isEqualTo("/model/amazon.nova-lite-v1%3A0/converse-stream");
        JsonNode row = ledgerRow(sluice, requestId, "m-br");
        assertThat(row.path("input_tokens").asLong()).isEqualTo(21);
        assertThat(row.path("output_tokens").asLong()).isEqualTo(8);
    }

    private static void event(ByteArrayOutputStream out, String type, String json) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        new software.amazon.eventstream.Message(headers, json.getBytes(StandardCharsets.UTF_8)).encode(out);
    }

    /** The ledger row of the call with this response id, waiting (up to 10 s) for the writer to store it. */
    private static JsonNode ledgerRow(RunningSluice sluice, String responseId, String model) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl()
                    + "/admin/requests?model=" + model)).header("authorization", "Bearer " + RunningSluice.KEY)
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                for (JsonNode row : Json.parse(r.body()).path("data")) {
                    if (responseId.equals(row.path("response_id").asText())) {
                        return row;
                    }
                }
            }
            assertThat(System.nanoTime()).as("the call reached the ledger: " + r.body()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
