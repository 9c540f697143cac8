package dev.sluice.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.Role;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Tool;
import dev.sluice.api.chat.ToolChoice;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code decode(encode(x)) == x} for requests and answers that Anthropic can express. */
class AnthropicRoundTripTest {

    private static final long NOW = 1_760_000_000L;
    private final AnthropicCodec codec = new AnthropicCodec(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    private ChatRequest roundTrip(ChatRequest r) {
        return codec.decodeRequest(codec.encodeRequest(r), null);
    }

    @Test
    void aPlainRequestSurvivesARoundTrip() {
        ChatRequest r = ChatRequest.builder().model("claude-sonnet-4-5")
                .messages(List.of(Message.system("Be terse."), Message.user("Hi"), Message.assistant("Hello"),
                        Message.user("Capital of France?")))
                .maxTokens(300).temperature(0.7).topP(0.95).stop(List.of("END", "STOP")).user("u-42")
                .build();
        assertThat(roundTrip(r)).isEqualTo(r);
    }

    @Test
    void aStreamedRequestSurvivesARoundTripWithUsageIncluded() {
        ChatRequest r = ChatRequest.builder().model("m").messages(List.of(Message.user("Hi"))).maxTokens(5)
                .stream(true).includeUsage(true).build();
        assertThat(roundTrip(r)).isEqualTo(r);
    }

    @Test
    void aToolConversationSurvivesARoundTrip() throws IOException {
        Tool tool = new Tool("get_weather", "Current weather",
                Json.parse("{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}}}"), null);
        ChatRequest r = ChatRequest.builder().model("m").maxTokens(100)
                .messages(List.of(
                        Message.system("Use tools."),
                        new Message(Role.USER, List.of(new ContentBlock.Image("image/jpeg", "/9j/4AAQ", null),
                                new ContentBlock.Image(null, null, "https://example.com/a.png"),
                                new ContentBlock.Text("Weather where this is?")), null),
                        new Message(Role.ASSISTANT, List.of(new ContentBlock.Text("Checking."),
                                new ContentBlock.ToolUse("toolu_1", "get_weather", "{\"location\":\"Paris\"}"),
                                new ContentBlock.ToolUse("toolu_2", "get_weather", "{\"location\":\"Lyon\"}")), null),
                        new Message(Role.TOOL, List.of(new ContentBlock.ToolResult("toolu_1", "18C", false),
                                new ContentBlock.ToolResult("toolu_2", "unavailable", true)), null),
                        new Message(Role.USER, List.of(new ContentBlock.Text("And tomorrow?")), null)))
                .tools(List.of(tool)).toolChoice(ToolChoice.tool("get_weather")).parallelToolCalls(false)
                .build();
        assertThat(roundTrip(r)).isEqualTo(r);
    }

    @Test
    void everyToolChoiceSurvivesARoundTrip() throws IOException {
        Tool tool = new Tool("f", null, Json.parse("{\"type\":\"object\"}"), null);
        for (ToolChoice c : List.of(ToolChoice.AUTO, ToolChoice.ANY, ToolChoice.NONE, ToolChoice.tool("f"))) {
            ChatRequest r = ChatRequest.builder().model("m").maxTokens(1).messages(List.of(Message.user("x")))
                    .tools(List.of(tool)).toolChoice(c).build();
            assertThat(roundTrip(r)).as(c.toString()).isEqualTo(r);
        }
    }

    @Test
    void aToolResultAloneStaysAToolMessage() {
        ChatRequest r = ChatRequest.builder().model("m").maxTokens(1).messages(List.of(
                Message.user("x"),
                new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("t1", "f", "{}")), null),
                new Message(Role.TOOL, List.of(new ContentBlock.ToolResult("t1", "{\"ok\":true}", false)), null)))
                .build();
        assertThat(roundTrip(r)).isEqualTo(r);
    }

    @Test
    void answersSurviveARoundTripIncludingCacheCounts() {
        for (StopReason reason : List.of(StopReason.END_TURN, StopReason.MAX_TOKENS, StopReason.STOP_SEQUENCE,
                StopReason.TOOL_USE, StopReason.REFUSAL)) {
            ChatResponse r = new ChatResponse("msg_01", "claude", List.of(new ContentBlock.Text("Hi"),
                    new ContentBlock.ToolUse("toolu_1", "f", "{\"a\":[1,2]}")), reason,
                    reason == StopReason.STOP_SEQUENCE ? "END" : null, new Usage(120, 9, 50, 40, 0), NOW);
            assertThat(codec.decodeResponse(codec.encodeResponse(r, "claude").body(), "p"))
                    .as(reason.name()).isEqualTo(r);
        }
    }
}
