package dev.sluice.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Role;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.wire.StreamEncoder;
import dev.sluice.api.wire.WireReply;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.Type;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * The official AWS SDK for Java talks to a loopback server that answers with {@link BedrockCodec}: its requests
 * decode, and it reads the answers, streams and errors the codec writes.
 */
class BedrockSdkCompatibilityTest {

    final BedrockCodec codec = new BedrockCodec();
    final AtomicReference<ChatRequest> received = new AtomicReference<>();
    final AtomicReference<GatewayError> failWith = new AtomicReference<>();
    final AtomicReference<GatewayError> failMidStream = new AtomicReference<>();
    HttpServer server;
    URI endpoint;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/model/", this::handle);
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static final ChatResponse ANSWER = new ChatResponse("req-42", "m", List.of(new ContentBlock.Text("Paris."),
            new ContentBlock.ToolUse("t1", "get_weather", "{\"location\":\"Paris\"}")), StopReason.TOOL_USE, null,
            new Usage(30, 9, 10, 0, 0), 0);

    private void handle(HttpExchange ex) throws IOException {
        String[] parts = ex.getRequestURI().getRawPath().split("/");
        String model = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
        boolean stream = parts[3].equals("converse-stream");
        try {
            received.set(codec.decodeRequest(ex.getRequestBody().readAllBytes(), model));
            if (failWith.get() != null) {
                throw new GatewayException(failWith.get());
            }
            if (stream) {
                stream(ex);
            } else {
                send(ex, codec.encodeResponse(ANSWER, model, 123));
            }
        } catch (GatewayException e) {
            send(ex, codec.encodeError(e.error()));
        }
    }

    private void stream(HttpExchange ex) throws IOException {
        StreamEncoder enc = codec.streamEncoder(received.get(), "m");
        ex.getResponseHeaders().add("content-type", enc.contentType());
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            enc.onEvent(new ChatEvent.MessageStart("req-7", "m"), out);
            enc.onEvent(new ChatEvent.TextDelta(0, "Pa"), out);
            enc.onEvent(new ChatEvent.TextDelta(0, "ris."), out);
            if (failMidStream.get() != null) {
                enc.onError(failMidStream.get(), out);
                return;
            }
            enc.onEvent(new ChatEvent.ToolUseStart(1, "t1", "get_weather"), out);
            enc.onEvent(new ChatEvent.ToolUseDelta(1, "{\"location\":"), out);
            enc.onEvent(new ChatEvent.ToolUseDelta(1, "\"Paris\"}"), out);
            enc.onEvent(new ChatEvent.MessageStop(StopReason.TOOL_USE, null), out);
            enc.onEvent(new ChatEvent.UsageReport(Usage.of(21, 8)), out);
            enc.onComplete(out);
        }
    }

    private static void send(HttpExchange ex, WireReply reply) throws IOException {
        ex.getResponseHeaders().add("content-type", reply.contentType());
        reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(reply.status(), reply.body().length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(reply.body());
        }
    }

    static final StaticCredentialsProvider CREDS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

    BedrockRuntimeClient client() {
        return BedrockRuntimeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDS)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    static Message question() {
        return Message.builder().role(ConversationRole.USER)
                .content(software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromText("Weather?"))
                .build();
    }

    @Test
    void theSdksConverseRequestDecodesAndItReadsTheAnswer() {
        Tool tool = Tool.fromToolSpec(ToolSpecification.builder().name("get_weather").description("Weather")
                .inputSchema(s -> s.json(Document.mapBuilder().putString("type", "object").build())).build());
        try (BedrockRuntimeClient client = client()) {
            ConverseResponse r = client.converse(b -> b.modelId("amazon.nova-lite-v1:0").messages(question())
                    .system(s -> s.text("Be brief."))
                    .inferenceConfig(c -> c.maxTokens(64).temperature(0.3f))
                    .toolConfig(c -> c.tools(tool).toolChoice(t -> t.auto(a -> { }))));
            assertThat(r.output().message().content().getFirst().text()).isEqualTo("Paris.");
            var use = r.output().message().content().get(1);
            assertThat(use.type()).isEqualTo(Type.TOOL_USE);
            assertThat(use.toolUse().name()).isEqualTo("get_weather");
            assertThat(use.toolUse().input().asMap().get("location").asString()).isEqualTo("Paris");
            assertThat(r.stopReasonAsString()).isEqualTo("tool_use");
            assertThat(r.usage().inputTokens()).isEqualTo(20);
            assertThat(r.usage().cacheReadInputTokens()).isEqualTo(10);
            assertThat(r.usage().totalTokens()).isEqualTo(39);
            assertThat(r.metrics().latencyMs()).isEqualTo(123);
            assertThat(r.responseMetadata().requestId()).isEqualTo("req-42");
        }
        ChatRequest got = received.get();
        assertThat(got.model()).isEqualTo("amazon.nova-lite-v1:0");
        assertThat(got.messages().getFirst().role()).isEqualTo(Role.SYSTEM);
        assertThat(got.maxTokens()).isEqualTo(64);
        assertThat(got.tools().getFirst().name()).isEqualTo("get_weather");
    }

    @Test
    void theSdkRaisesTheTypedExceptionsOfTheErrorsTheCodecWrites() {
        failWith.set(GatewayError.invalid("Value at 'messages' is bad", "messages"));
        try (BedrockRuntimeClient client = client()) {
            assertThatThrownBy(() -> client.converse(b -> b.modelId("m").messages(question())))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Value at 'messages' is bad");
                    });
            failWith.set(GatewayError.of(ErrorType.RATE_LIMITED, "slow down"));
            assertThatThrownBy(() -> client.converse(b -> b.modelId("m").messages(question())))
                    .isInstanceOf(ThrottlingException.class);
        }
    }

    BedrockRuntimeAsyncClient asyncClient() {
        // the JDK test server speaks HTTP/1.1 only; the async client would otherwise insist on HTTP/2
        return BedrockRuntimeAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @Test
    void theAsyncSdkReadsTheEventStream() throws Exception {
        StringBuilder text = new StringBuilder();
        StringBuilder input = new StringBuilder();
        AtomicReference<String> toolName = new AtomicReference<>();
        AtomicReference<String> stop = new AtomicReference<>();
        int[] usage = {0, 0};
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockStart(s -> toolName.set(s.start().toolUse().name()))
                        .onContentBlockDelta(d -> {
                            if (d.delta().text() != null) {
                                text.append(d.delta().text());
                            } else if (d.delta().toolUse() != null) {
                                input.append(d.delta().toolUse().input());
                            }
                        })
                        .onMessageStop(m -> stop.set(m.stopReasonAsString()))
                        .onMetadata(m -> {
                            usage[0] = m.usage().inputTokens();
                            usage[1] = m.usage().outputTokens();
                        })
                        .build())
                .build();
        try (BedrockRuntimeAsyncClient client = asyncClient()) {
            client.converseStream(ConverseStreamRequest.builder().modelId("m").messages(question()).build(), handler)
                    .get(30, TimeUnit.SECONDS);
        }
        assertThat(text.toString()).isEqualTo("Paris.");
        assertThat(toolName.get()).isEqualTo("get_weather");
        assertThat(input.toString()).isEqualTo("{\"location\":\"Paris\"}");
        assertThat(stop.get()).isEqualTo("tool_use");
        assertThat(usage).containsExactly(21, 8);
    }

    @Test
    void theAsyncSdkSeesAnInStreamThrottlingException() {
        failMidStream.set(GatewayError.of(ErrorType.RATE_LIMITED, "too many tokens"));
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder().build()).build();
        try (BedrockRuntimeAsyncClient client = asyncClient()) {
            assertThatThrownBy(() -> client.converseStream(ConverseStreamRequest.builder().modelId("m")
                    .messages(question()).build(), handler).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ThrottlingException.class).hasMessageContaining("too many tokens");
        }
    }
}
