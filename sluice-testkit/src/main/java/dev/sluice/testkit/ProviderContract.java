package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ChatResponseAssembler;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Tool;
import dev.sluice.api.chat.ToolChoice;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.Provider;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scenarios every provider must pass: plain chat, streaming, tool calls (whole and streamed), errors and usage.
 *
 * <p>A provider's test extends this class and {@link #prepare(Scenario) prepares} each scenario, typically by
 * enqueueing a recorded transcript on a {@link FakeUpstream}. The transcripts, whatever their wire format, must carry
 * the canonical facts below: the answer text {@value #ANSWER}, a {@code get_weather} call with
 * {@code {"location":"Paris"}}, usage {@link #USAGE} (unless {@link #expectedUsage} says otherwise), a 429 with
 * {@code retry-after: 7}, and a 500.
 */
public abstract class ProviderContract {

    public static final String ANSWER = "The capital of France is Paris.";
    public static final Usage USAGE = Usage.of(21, 8);
    public static final Usage TOOL_USAGE = Usage.of(64, 18);

    /** The scenarios, each with its conventional transcript file name. */
    public enum Scenario {
        CHAT("chat.http"),
        STREAM("stream.http"),
        TOOLS("tools.http"),
        TOOLS_STREAM("tools-stream.http"),
        RATE_LIMITED("error-429.http"),
        SERVER_ERROR("error-500.http");

        private final String fileName;

        Scenario(String fileName) { this.fileName = fileName; }

        public String fileName() { return fileName; }
    }

    /** Sets up the upstream for one scenario and returns the provider to call, and the attempt to call it with. */
    protected abstract Prepared prepare(Scenario scenario);

    /** What the provider and attempt are for one scenario. */
    public record Prepared(Provider provider, Attempt attempt) { }

    /** The usage the scenario's transcript reports. */
    protected Usage expectedUsage(Scenario scenario) {
        return scenario == Scenario.TOOLS || scenario == Scenario.TOOLS_STREAM ? TOOL_USAGE : USAGE;
    }

    /** Hook to check what the provider sent upstream (headers, auth, body); called after each successful scenario. */
    protected void checkUpstreamRequest(Scenario scenario, ChatRequest sent) { }

    /**
     * Streams {@link #question}(true) from {@code transcript} while the fake upstream holds back everything after the
     * first wire event (an SSE event here) until the provider has handed an event to the sink, and checks that it did so first: a
     * provider that waited for the whole body would see nothing until the fake gave up (10 s), and fail here. No
     * timing involved.
     *
     * @return the events the provider emitted, in order
     */
    public static List<ChatEvent> streamWithTheRestHeldBack(Provider provider, Attempt attempt, FakeUpstream upstream,
                                                            Transcript transcript) {
        return streamWithTheRestHeldBack(provider, attempt, upstream, transcript,
                new String(transcript.body(), java.nio.charset.StandardCharsets.UTF_8).indexOf("\n\n") + 2);
    }

    /** As above, with the first wire event {@code firstEvent} bytes long (binary formats). */
    public static List<ChatEvent> streamWithTheRestHeldBack(Provider provider, Attempt attempt, FakeUpstream upstream,
                                                            Transcript transcript, int firstEvent) {
        java.util.concurrent.CountDownLatch firstEventSeen = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch restSent = upstream.enqueueHeld(transcript, firstEvent, firstEventSeen);
        List<Long> heldWhenSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<ChatEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        Calls.stream(provider, question(true), attempt, e -> {
            heldWhenSeen.add(restSent.getCount());
            firstEventSeen.countDown();
            events.add(e);
        });
        assertThat(heldWhenSeen).as("events").isNotEmpty();
        assertThat(heldWhenSeen.getFirst()).as("the first event arrived while the rest was still held back")
                .isEqualTo(1L);
        return events;
    }

    public static ChatRequest question(boolean stream) {
        return ChatRequest.builder()
                .model("upstream-model")
                .messages(List.of(Message.system("You are terse."), Message.user("What is the capital of France?")))
                .maxTokens(100)
                .stream(stream)
                .includeUsage(stream)
                .build();
    }

    public static ChatRequest weatherQuestion(boolean stream) {
        Tool tool;
        try {
            tool = new Tool("get_weather", "Current weather for a city", Json.parse(
                    "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}"),
                    null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ChatRequest.builder()
                .model("upstream-model")
                .messages(List.of(Message.user("What's the weather in Paris?")))
                .tools(List.of(tool))
                .toolChoice(ToolChoice.AUTO)
                .maxTokens(200)
                .stream(stream)
                .includeUsage(stream)
                .build();
    }

    @Test
    void plainChatAnswersWithTextStopReasonAndUsage() {
        Prepared p = prepare(Scenario.CHAT);
        ChatRequest request = question(false);
        ChatResponse response = Calls.chat(p.provider(), request, p.attempt());
        assertThat(response.text()).isEqualTo(ANSWER);
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.usage().inputTokens()).isEqualTo(expectedUsage(Scenario.CHAT).inputTokens());
        assertThat(response.usage().outputTokens()).isEqualTo(expectedUsage(Scenario.CHAT).outputTokens());
        assertThat(response.id()).isNotBlank();
        checkUpstreamRequest(Scenario.CHAT, request);
    }

    @Test
    void streamingDeliversTextIncrementallyThenStopAndUsage() {
        Prepared p = prepare(Scenario.STREAM);
        List<ChatEvent> events = new ArrayList<>();
        ChatRequest request = question(true);
        Calls.stream(p.provider(), request, p.attempt(), events::add);
        assertThat(events.getFirst()).isInstanceOf(ChatEvent.MessageStart.class);
        assertThat(events.stream().filter(ChatEvent.TextDelta.class::isInstance).count()).isGreaterThan(1);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(ChatEvent.MessageStop.class));
        ChatResponse assembled = assemble(events);
        assertThat(assembled.text()).isEqualTo(ANSWER);
        assertThat(assembled.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(assembled.usage().inputTokens()).isEqualTo(expectedUsage(Scenario.STREAM).inputTokens());
        assertThat(assembled.usage().outputTokens()).isEqualTo(expectedUsage(Scenario.STREAM).outputTokens());
        checkUpstreamRequest(Scenario.STREAM, request);
    }

    @Test
    void toolCallsComeBackWithNameIdAndArguments() throws IOException {
        Prepared p = prepare(Scenario.TOOLS);
        ChatRequest request = weatherQuestion(false);
        ChatResponse response = Calls.chat(p.provider(), request, p.attempt());
        assertWeatherCall(response);
        assertThat(response.usage().inputTokens()).isEqualTo(expectedUsage(Scenario.TOOLS).inputTokens());
        checkUpstreamRequest(Scenario.TOOLS, request);
    }

    @Test
    void streamedToolCallsAreReassembledInOrder() throws IOException {
        Prepared p = prepare(Scenario.TOOLS_STREAM);
        List<ChatEvent> events = new ArrayList<>();
        ChatRequest request = weatherQuestion(true);
        Calls.stream(p.provider(), request, p.attempt(), events::add);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(ChatEvent.ToolUseStart.class));
        ChatResponse assembled = assemble(events);
        assertWeatherCall(assembled);
        assertThat(assembled.usage().outputTokens()).isEqualTo(expectedUsage(Scenario.TOOLS_STREAM).outputTokens());
        checkUpstreamRequest(Scenario.TOOLS_STREAM, request);
    }

    @Test
    void rateLimitStaysA429WithItsRetryAfter() {
        Prepared p = prepare(Scenario.RATE_LIMITED);
        assertThatThrownBy(() -> Calls.chat(p.provider(), question(false), p.attempt()))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    GatewayError err = e.error();
                    assertThat(err.type()).isEqualTo(ErrorType.RATE_LIMITED);
                    assertThat(err.status()).isEqualTo(429);
                    assertThat(err.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(err.message()).isNotBlank();
                });
    }

    @Test
    void serverErrorBecomesARetryableUpstreamError() {
        Prepared p = prepare(Scenario.SERVER_ERROR);
        assertThatThrownBy(() -> Calls.chat(p.provider(), question(false), p.attempt()))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().type().retryable()).isTrue();
                    assertThat(e.error().status()).isGreaterThanOrEqualTo(500);
                });
    }

    private static void assertWeatherCall(ChatResponse response) throws IOException {
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        List<ContentBlock.ToolUse> calls = response.toolUses();
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().name()).isEqualTo("get_weather");
        assertThat(calls.getFirst().id()).isNotBlank();
        assertThat(Json.parse(calls.getFirst().argumentsJson())).isEqualTo(Json.parse("{\"location\":\"Paris\"}"));
    }

    public static ChatResponse assemble(List<ChatEvent> events) {
        ChatResponseAssembler assembler = new ChatResponseAssembler();
        events.forEach(assembler::accept);
        return assembler.response(0);
    }
}
