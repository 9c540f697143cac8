package dev.sluice.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.ResponseFormat;
import dev.sluice.api.chat.Role;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Tool;
import dev.sluice.api.chat.ToolChoice;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OpenAiChatCodecRoundTripTest {

    private final OpenAiChatCodec codec = new OpenAiChatCodec();

    static Stream<ChatRequest> requests() throws IOException {
        Tool weather = new Tool("get_weather", "Current weather", Json.parse(
                "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}"),
                true);
        Tool bare = new Tool("now", null, Json.parse("{\"type\":\"object\",\"properties\":{}}"), null);
        return Stream.of(
                ChatRequest.builder().model("gpt-4o-mini").messages(List.of(Message.user("Hi"))).build(),
                ChatRequest.builder().model("gpt-4o").messages(List.of(Message.system("Be brief."),
                                Message.user("Hello"), Message.assistant("Hi!"), Message.user("Bye")))
                        .maxTokens(50).temperature(0.3).topP(0.9).stop(List.of("END", "STOP")).seed(42L)
                        .user("u-1").build(),
                ChatRequest.builder().model("gpt-4o").messages(List.of(
                                new Message(Role.USER, List.of(new ContentBlock.Text("What is in these?"),
                                        new ContentBlock.Image("image/png", "iVBORw0KGgo=", null),
                                        new ContentBlock.Image(null, null, "https://example.com/cat.jpg")), "ann")))
                        .build(),
                ChatRequest.builder().model("gpt-4o").messages(List.of(
                                Message.user("Weather in Paris and Rome?"),
                                new Message(Role.ASSISTANT, List.of(
                                        new ContentBlock.ToolUse("call_1", "get_weather", "{\"location\":\"Paris\"}"),
                                        new ContentBlock.ToolUse("call_2", "get_weather", "{\"location\":\"Rome\"}")),
                                        null),
                                new Message(Role.TOOL, List.of(new ContentBlock.ToolResult("call_1", "18C", false)),
                                        null),
                                new Message(Role.TOOL, List.of(new ContentBlock.ToolResult("call_2", "{\"t\":21}",
                                        false)), null),
                                new Message(Role.ASSISTANT, List.of(new ContentBlock.Text("Checking."),
                                        new ContentBlock.ToolUse("call_3", "now", "{}")), null)))
                        .tools(List.of(weather, bare)).toolChoice(ToolChoice.tool("get_weather"))
                        .parallelToolCalls(false).build(),
                ChatRequest.builder().model("gpt-4o").messages(List.of(Message.user("JSON please")))
                        .toolChoice(ToolChoice.ANY).tools(List.of(bare))
                        .responseFormat(new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "answer",
                                Json.parse("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"}}}"),
                                true))
                        .build(),
                ChatRequest.builder().model("gpt-4o").messages(List.of(Message.user("x")))
                        .responseFormat(ResponseFormat.JSON_OBJECT).toolChoice(ToolChoice.NONE).build(),
                ChatRequest.builder().model("gpt-4o").messages(List.of(Message.user("x")))
                        .responseFormat(ResponseFormat.TEXT).toolChoice(ToolChoice.AUTO)
                        .stream(true).includeUsage(true).build());
    }

    @ParameterizedTest
    @MethodSource("requests")
    void aRequestEncodedForOpenAiDecodesBackToItself(ChatRequest request) {
        byte[] wire = codec.encodeRequest(request, CompatProfile.OPENAI);
        assertThat(codec.decodeRequest(wire, null)).isEqualTo(request);
    }

    static Stream<ChatResponse> responses() {
        return Stream.of(
                new ChatResponse("chatcmpl-1", "pub", List.of(new ContentBlock.Text("Paris.")), StopReason.END_TURN,
                        null, Usage.of(21, 8), 1760433151L),
                new ChatResponse("chatcmpl-2", "pub", List.of(new ContentBlock.Text("Long...")),
                        StopReason.MAX_TOKENS, null, new Usage(100, 50, 64, 0, 20), 1760433152L),
                new ChatResponse("chatcmpl-3", "pub", List.of(
                        new ContentBlock.ToolUse("call_a", "get_weather", "{\"location\":\"Paris\"}"),
                        new ContentBlock.ToolUse("call_b", "get_weather", "{\"location\":\"Rome\"}")),
                        StopReason.TOOL_USE, null, Usage.of(64, 18), 1760433153L),
                new ChatResponse("chatcmpl-4", "pub", List.of(new ContentBlock.Text("Let me check."),
                        new ContentBlock.ToolUse("call_c", "now", "{}")), StopReason.TOOL_USE, null,
                        Usage.of(5, 5), 1L),
                new ChatResponse("chatcmpl-5", "pub", List.of(new ContentBlock.Text("")),
                        StopReason.CONTENT_FILTERED, null, Usage.of(5, 0), 2L));
    }

    @ParameterizedTest
    @MethodSource("responses")
    void aResponseEncodedForACallerDecodesBackToItself(ChatResponse response) {
        byte[] wire = codec.encodeResponse(response, "pub").body();
        assertThat(codec.decodeResponse(wire)).isEqualTo(response);
    }
}
