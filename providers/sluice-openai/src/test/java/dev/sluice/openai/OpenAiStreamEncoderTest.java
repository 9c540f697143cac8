package dev.sluice.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.ErrorType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiStreamEncoderTest {

    private static final String HEAD =
            "\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"pub\"";

    private static ChatRequest request(boolean includeUsage) {
        return ChatRequest.builder().model("pub").messages(List.of(Message.user("hi"))).stream(true)
                .includeUsage(includeUsage).build();
    }

    private static String encode(boolean includeUsage, List<ChatEvent> events) throws IOException {
        OpenAiStreamEncoder encoder = new OpenAiStreamEncoder(request(includeUsage), "pub", 1700000000L, "fallback");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ChatEvent e : events) {
            encoder.onEvent(e, out);
        }
        encoder.onComplete(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String chunk(String delta, String finish, boolean usageNull) {
        return "data: {" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"logprobs\":null,\"finish_reason\":" + finish + "}]" + (usageNull ? ",\"usage\":null" : "")
                + "}\n\n";
    }

    @Test
    void textStreamsAsOpenAiChunksWithUsageLastThenDone() throws IOException {
        String sse = encode(true, List.of(
                new ChatEvent.MessageStart("chatcmpl-1", "upstream-model"),
                new ChatEvent.TextDelta(0, "Hel"),
                new ChatEvent.TextDelta(0, "lo"),
                new ChatEvent.UsageReport(new Usage(10, 2, 4, 0, 0)),
                new ChatEvent.MessageStop(StopReason.END_TURN, null)));

        assertThat(sse).isEqualTo(
                chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null", true)
                + chunk("{\"content\":\"Hel\"}", "null", true)
                + chunk("{\"content\":\"lo\"}", "null", true)
                + chunk("{}", "\"stop\"", true)
                + "data: {" + HEAD + ",\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,"
                + "\"total_tokens\":12,\"prompt_tokens_details\":{\"cached_tokens\":4},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n"
                + "data: [DONE]\n\n");
    }

    @Test
    void toolCallsGetTheirOwnOpenAiIndexNotTheBlockIndex() throws IOException {
        String sse = encode(false, List.of(
                new ChatEvent.MessageStart("chatcmpl-1", "m"),
                new ChatEvent.TextDelta(0, "Checking."),
                new ChatEvent.ToolUseStart(1, "call_a", "get_weather"),
                new ChatEvent.ToolUseDelta(1, "{\"location\":"),
                new ChatEvent.ToolUseStart(2, "call_b", "get_time"),
                new ChatEvent.ToolUseDelta(2, "{}"),
                new ChatEvent.ToolUseDelta(1, "\"Paris\"}"),
                new ChatEvent.MessageStop(StopReason.TOOL_USE, null),
                new ChatEvent.UsageReport(Usage.of(1, 1))));

        assertThat(sse).isEqualTo(
                chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null", false)
                + chunk("{\"content\":\"Checking.\"}", "null", false)
                + chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", "null", false)
                + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"location\\\":\"}}]}",
                        "null", false)
                + chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_time\",\"arguments\":\"\"}}]}", "null", false)
                + chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{}\"}}]}", "null", false)
                + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}",
                        "null", false)
                + chunk("{}", "\"tool_calls\"", false)
                + "data: [DONE]\n\n");
    }

    @Test
    void anErrorAfterTheStartIsTheLastThingWritten() throws IOException {
        OpenAiStreamEncoder encoder = new OpenAiStreamEncoder(request(true), "pub", 1700000000L, "chatcmpl-1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encoder.onEvent(new ChatEvent.TextDelta(0, "Hi"), out);
        encoder.onError(GatewayError.of(ErrorType.TIMEOUT, "upstream timed out"), out);
        encoder.onEvent(new ChatEvent.TextDelta(0, "more"), out);
        encoder.onComplete(out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null", true)
                + chunk("{\"content\":\"Hi\"}", "null", true)
                + "data: {\"error\":{\"message\":\"upstream timed out\",\"type\":\"server_error\",\"param\":null,"
                + "\"code\":\"timeout\"}}\n\n");
    }

    @Test
    void theCodecsEncoderSpeaksEventStream() {
        assertThat(new OpenAiChatCodec().streamEncoder(request(false), "pub").contentType())
                .isEqualTo("text/event-stream");
    }

    @Test
    void textChunksAreTheBytesTheJsonTreeWouldGiveWhateverTheText() throws IOException {
        for (String text : List.of("plain", "quote \" and \\ backslash", "line\nbreak\ttab\r", "\u0000\u001f ctl",
                "caf\u00e9 \ud83d\ude00 \u4e2d\u6587", "</script>", "\u2028\u2029", "")) {
            for (boolean usage : new boolean[] {false, true}) {
                String sse = encode(usage, List.of(new ChatEvent.MessageStart("chatcmpl-1", "m"),
                        new ChatEvent.TextDelta(0, text)));
                var delta = dev.sluice.api.json.Json.object().put("content", text);
                String expected = chunk(dev.sluice.api.json.Json.text(delta), "null", usage);
                assertThat(sse).as(text).contains(expected);
            }
        }
    }
}
