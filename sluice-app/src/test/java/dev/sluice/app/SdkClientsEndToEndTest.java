package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.sluice.testkit.FakeUpstream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * The official OpenAI, Anthropic and AWS Bedrock SDKs, unchanged but for their endpoint, talk to a real Sluice on a
 * socket, sync and streaming, in front of every upstream type.
 */
class SdkClientsEndToEndTest {

    private static final String QUESTION = "What is the capital of France?";

    @TempDir
    Path dir;

    private RunningSluice start(Upstreams upstream, FakeUpstream fake) throws Exception {
        Path script = dir.resolve("script.jsonl");
        Files.writeString(script, "{\"match\": \".*\", \"reply\": \"" + Upstreams.ANSWER + "\"}\n");
        return new RunningSluice(upstream.config(fake, script), dir);
    }

    @ParameterizedTest
    @EnumSource(Upstreams.class)
    void theOpenAiSdkChatsAndStreams(Upstreams upstream) throws Exception {
        try (FakeUpstream fake = new FakeUpstream(); RunningSluice sluice = start(upstream, fake)) {
            OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(sluice.baseUrl() + "/v1")
                    .apiKey(RunningSluice.KEY).maxRetries(0).build();
            ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("m")
                    .addUserMessage(QUESTION).maxCompletionTokens(100).build();
            upstream.prime(fake, false);
            ChatCompletion completion = client.chat().completions().create(params);
            assertThat(completion.choices().getFirst().message().content()).hasValue(Upstreams.ANSWER);
            assertThat(completion.model()).isEqualTo("m");
            assertThat(completion.usage().orElseThrow().completionTokens()).isPositive();

            upstream.prime(fake, true);
            StringBuilder text = new StringBuilder();
            long[] usage = {0};
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                    params.toBuilder().streamOptions(com.openai.models.chat.completions.ChatCompletionStreamOptions
                            .builder().includeUsage(true).build()).build())) {
                stream.stream().forEach(chunk -> {
                    chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
                    chunk.usage().ifPresent(u -> usage[0] = u.completionTokens());
                });
            }
            assertThat(text.toString()).isEqualTo(Upstreams.ANSWER);
            assertThat(usage[0]).isPositive();
        }
    }

    @org.junit.jupiter.api.Test
    void theOpenAiSdkListsAndRetrievesModels() throws Exception {
        try (FakeUpstream fake = new FakeUpstream(); RunningSluice sluice = start(Upstreams.values()[0], fake)) {
            OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(sluice.baseUrl() + "/v1")
                    .apiKey(RunningSluice.KEY).maxRetries(0).build();
            assertThat(client.models().list().data()).extracting(com.openai.models.models.Model::id).contains("m");
            com.openai.models.models.Model m = client.models().retrieve("m");
            assertThat(m.id()).isEqualTo("m");
            assertThat(m.ownedBy()).isEqualTo("sluice");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.models().retrieve("no-such-model"))
                    .isInstanceOf(com.openai.errors.NotFoundException.class)
                    .hasMessageContaining("no-such-model");
        }
    }

    @ParameterizedTest
    @EnumSource(Upstreams.class)
    void theAnthropicSdkChatsAndStreams(Upstreams upstream) throws Exception {
        try (FakeUpstream fake = new FakeUpstream(); RunningSluice sluice = start(upstream, fake)) {
            AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(sluice.baseUrl())
                    .apiKey(RunningSluice.KEY).maxRetries(0).build();
            MessageCreateParams params = MessageCreateParams.builder().model("m").maxTokens(100)
                    .addUserMessage(QUESTION).build();
            upstream.prime(fake, false);
            var message = client.messages().create(params);
            String text = message.content().stream().flatMap(b -> b.text().stream())
                    .map(com.anthropic.models.messages.TextBlock::text).reduce("", String::concat);
            assertThat(text).isEqualTo(Upstreams.ANSWER);
            assertThat(message.usage().outputTokens()).isPositive();

            upstream.prime(fake, true);
            StringBuilder streamed = new StringBuilder();
            boolean[] stopped = {false};
            try (var stream = client.messages().createStreaming(params)) {
                stream.stream().forEach((RawMessageStreamEvent e) -> {
                    e.contentBlockDelta().ifPresent(d -> d.delta().text().ifPresent(t -> streamed.append(t.text())));
                    if (e.isMessageStop()) {
                        stopped[0] = true;
                    }
                });
            }
            assertThat(streamed.toString()).isEqualTo(Upstreams.ANSWER);
            assertThat(stopped[0]).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Upstreams.class)
    void theBedrockSdkConversesAndStreams(Upstreams upstream) throws Exception {
        try (FakeUpstream fake = new FakeUpstream(); RunningSluice sluice = start(upstream, fake)) {
            var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("unused", "unused"));
            Message question = Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(QUESTION))
                    .build();
            try (BedrockRuntimeClient client = BedrockRuntimeClient.builder()
                    .endpointOverride(URI.create(sluice.baseUrl())).region(Region.US_EAST_1)
                    .credentialsProvider(creds).tokenProvider(BedrockBearer.of(RunningSluice.KEY))
                    .authSchemeProvider(BedrockBearer.preferBearer()).build()) {
                upstream.prime(fake, false);
                ConverseResponse response = client.converse(b -> b.modelId("m").messages(question));
                assertThat(response.output().message().content().getFirst().text()).isEqualTo(Upstreams.ANSWER);
                assertThat(response.usage().outputTokens()).isPositive();
            }
            try (BedrockRuntimeAsyncClient client = BedrockRuntimeAsyncClient.builder()
                    .endpointOverride(URI.create(sluice.baseUrl())).region(Region.US_EAST_1)
                    .credentialsProvider(creds).tokenProvider(BedrockBearer.of(RunningSluice.KEY))
                    .authSchemeProvider(BedrockBearer.preferBearer()).build()) {
                upstream.prime(fake, true);
                StringBuilder text = new StringBuilder();
                int[] outputTokens = {0};
                ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                        .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                                .onContentBlockDelta(d -> text.append(d.delta().text()))
                                .onMetadata(m -> outputTokens[0] = m.usage().outputTokens())
                                .build())
                        .build();
                client.converseStream(ConverseStreamRequest.builder().modelId("m").messages(question).build(), handler)
                        .get(30, TimeUnit.SECONDS);
                assertThat(text.toString()).isEqualTo(Upstreams.ANSWER);
                assertThat(outputTokens[0]).isPositive();
            }
        }
    }
}
