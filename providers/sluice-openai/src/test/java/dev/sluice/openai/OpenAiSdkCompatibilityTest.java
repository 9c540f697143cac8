package dev.sluice.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.wire.WireReply;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK talks to a tiny server made of this module's codecs. */
class OpenAiSdkCompatibilityTest {

    private final OpenAiChatCodec codec = new OpenAiChatCodec();
    private final AtomicReference<ChatRequest> received = new AtomicReference<>();
    private final AtomicReference<Function<ChatRequest, Object>> answer = new AtomicReference<>();
    private HttpServer server;
    private OpenAIClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
        client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1")
                .apiKey("sk-test").maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            ChatRequest request;
            try {
                request = codec.decodeRequest(ex.getRequestBody().readAllBytes(), null);
            } catch (GatewayException e) {
                send(ex, codec.encodeError(e.error()));
                return;
            }
            received.set(request);
            Object a = answer.get().apply(request);
            if (a instanceof WireReply reply) {
                send(ex, reply);
            } else {
                @SuppressWarnings("unchecked") List<ChatEvent> events = (List<ChatEvent>) a;
                OpenAiStreamEncoder encoder = codec.streamEncoder(request, request.model());
                ex.getResponseHeaders().add("content-type", encoder.contentType());
                ex.sendResponseHeaders(200, 0);
                OutputStream out = ex.getResponseBody();
                for (ChatEvent e : events) {
                    encoder.onEvent(e, out);
                }
                encoder.onComplete(out);
            }
        }
    }

    private static void send(HttpExchange ex, WireReply reply) throws IOException {
        ex.getResponseHeaders().add("content-type", reply.contentType());
        reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(reply.status(), reply.body().length);
        ex.getResponseBody().write(reply.body());
    }

    private static ChatCompletionCreateParams.Builder params() {
        return ChatCompletionCreateParams.builder().model("pub").addSystemMessage("Be terse.")
                .addUserMessage("Weather in Paris?").maxCompletionTokens(100).temperature(0.2);
    }

    private static ChatCompletionFunctionTool weatherTool() {
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("get_weather")
                .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                        .build()).build()).build();
    }

    @Test
    void theSdksRequestDecodesAndItReadsOurCompletion() {
        answer.set(r -> codec.encodeResponse(new ChatResponse("chatcmpl-1", "up", List.of(
                new ContentBlock.Text("Checking."),
                new ContentBlock.ToolUse("call_1", "get_weather", "{\"location\":\"Paris\"}")),
                StopReason.TOOL_USE, null, new Usage(30, 9, 16, 0, 2), 1700000000L), r.model()));

        ChatCompletion c = client.chat().completions().create(params().addTool(weatherTool()).build());

        ChatRequest r = received.get();
        assertThat(r.model()).isEqualTo("pub");
        assertThat(r.systemText()).isEqualTo("Be terse.");
        assertThat(r.maxTokens()).isEqualTo(100);
        assertThat(r.tools()).extracting(t -> t.name()).containsExactly("get_weather");
        assertThat(c.model()).isEqualTo("pub");
        assertThat(c.choices().getFirst().message().content()).hasValue("Checking.");
        var call = c.choices().getFirst().message().toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(call.id()).isEqualTo("call_1");
        assertThat(call.function().arguments()).isEqualTo("{\"location\":\"Paris\"}");
        assertThat(c.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(c.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens()).hasValue(16L);
    }

    @Test
    void theSdkReadsOurStreamWithToolCallsAndUsage() {
        answer.set(r -> List.of(
                new ChatEvent.MessageStart("chatcmpl-2", "up"),
                new ChatEvent.TextDelta(0, "Let me "),
                new ChatEvent.TextDelta(0, "check."),
                new ChatEvent.ToolUseStart(1, "call_9", "get_weather"),
                new ChatEvent.ToolUseDelta(1, "{\"location\":"),
                new ChatEvent.ToolUseDelta(1, "\"Paris\"}"),
                new ChatEvent.UsageReport(Usage.of(40, 12)),
                new ChatEvent.MessageStop(StopReason.TOOL_USE, null)));
        StringBuilder text = new StringBuilder();
        StringBuilder args = new StringBuilder();
        String[] finish = {null};
        long[] usage = {0};

        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params()
                .addTool(weatherTool())
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunk -> {
                assertThat(chunk.model()).isEqualTo("pub");
                chunk.choices().forEach(ch -> {
                    ch.delta().content().ifPresent(text::append);
                    ch.delta().toolCalls().ifPresent(calls -> calls.forEach(tc -> {
                        assertThat(tc.index()).isZero();
                        tc.function().flatMap(f -> f.arguments()).ifPresent(args::append);
                    }));
                    ch.finishReason().ifPresent(f -> finish[0] = f.asString());
                });
                chunk.usage().ifPresent(u -> usage[0] = u.totalTokens());
            });
        }

        assertThat(received.get().includeUsage()).isTrue();
        assertThat(text.toString()).isEqualTo("Let me check.");
        assertThat(args.toString()).isEqualTo("{\"location\":\"Paris\"}");
        assertThat(finish[0]).isEqualTo("tool_calls");
        assertThat(usage[0]).isEqualTo(52);
    }

    @Test
    void theSdkRaisesItsOwnExceptionsForOurErrors() {
        answer.set(r -> codec.encodeError(new GatewayError(ErrorType.RATE_LIMITED, 429, "slow down", null,
                Duration.ofSeconds(3), null)));
        assertThatThrownBy(() -> client.chat().completions().create(params().build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.getMessage()).contains("slow down");
                    assertThat(e.headers().values("retry-after")).containsExactly("3");
                });
    }

    @Test
    void aBadRequestFromTheSdkIsAnsweredInOpenAiShape() {
        answer.set(r -> List.of());
        assertThatThrownBy(() -> client.chat().completions().create(params().temperature(7.0).build()))
                .isInstanceOfSatisfying(com.openai.errors.BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.param()).hasValue("temperature");
                    assertThat(e.type()).hasValue("invalid_request_error");
                });
    }
}
