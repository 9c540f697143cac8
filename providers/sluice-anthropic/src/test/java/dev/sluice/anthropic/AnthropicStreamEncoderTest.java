package dev.sluice.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.spi.http.StreamDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicStreamEncoderTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final AnthropicStreamEncoder encoder = new AnthropicStreamEncoder("claude", "msg_1");

    private void send(ChatEvent... events) throws IOException {
        for (ChatEvent e : events) {
            encoder.onEvent(e, out);
        }
    }

    private String written() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String frame(String event, String data) {
        return "event: " + event + "\ndata: " + data + "\n\n";
    }

    private static final String START = frame("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":"
            + "\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude\","
            + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":0,\"output_tokens\":0}}}")
            + frame("ping", "{\"type\":\"ping\"}");

    @Test
    void aTextAndToolAnswerWritesEveryEventTypeInAnthropicsOrder() throws IOException {
        send(new ChatEvent.MessageStart("chatcmpl-9", "gpt"),
                new ChatEvent.TextDelta(0, "Let me"),
                new ChatEvent.TextDelta(0, " check."),
                new ChatEvent.ToolUseStart(1, "toolu_1", "get_weather"),
                new ChatEvent.ToolUseDelta(1, "{\"location\":"),
                new ChatEvent.ToolUseDelta(1, "\"Paris\"}"),
                new ChatEvent.MessageStop(StopReason.TOOL_USE, null),
                new ChatEvent.UsageReport(new Usage(64, 18, 10, 4, 0)));
        encoder.onComplete(out);
        assertThat(written()).isEqualTo(START
                + frame("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                + frame("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Let me\"}}")
                + frame("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\" check.\"}}")
                + frame("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                + frame("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
                        + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\","
                        + "\"input\":{}}}")
                + frame("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,"
                        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"location\\\":\"}}")
                + frame("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,"
                        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"Paris\\\"}\"}}")
                + frame("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}")
                + frame("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\","
                        + "\"stop_sequence\":null},\"usage\":{\"input_tokens\":50,\"output_tokens\":18,"
                        + "\"cache_creation_input_tokens\":4,\"cache_read_input_tokens\":10}}")
                + frame("message_stop", "{\"type\":\"message_stop\"}"));
    }

    @Test
    void theStopWaitsForUsageThatComesAfterIt() throws IOException {
        send(new ChatEvent.MessageStart("x", "m"), new ChatEvent.TextDelta(0, "Hi"),
                new ChatEvent.MessageStop(StopReason.END_TURN, null));
        assertThat(written()).doesNotContain("message_delta").doesNotContain("content_block_stop");
        send(new ChatEvent.UsageReport(Usage.of(21, 8)));
        assertThat(written()).endsWith(frame("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                + frame("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                        + "\"stop_sequence\":null},\"usage\":{\"input_tokens\":21,\"output_tokens\":8,"
                        + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0}}")
                + frame("message_stop", "{\"type\":\"message_stop\"}"));
        int length = out.size();
        encoder.onComplete(out);
        assertThat(out.size()).isEqualTo(length);
    }

    @Test
    void usageBeforeTheStopEndsTheMessageAtTheStop() throws IOException {
        send(new ChatEvent.MessageStart("x", "m"), new ChatEvent.TextDelta(0, "Hi"),
                new ChatEvent.UsageReport(Usage.of(3, 1)),
                new ChatEvent.MessageStop(StopReason.STOP_SEQUENCE, "END"));
        assertThat(written()).contains("\"delta\":{\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"END\"}")
                .endsWith(frame("message_stop", "{\"type\":\"message_stop\"}"));
    }

    @Test
    void completingWithoutUsageSendsTheHeldStopWithZeroUsage() throws IOException {
        send(new ChatEvent.MessageStart("x", "m"), new ChatEvent.TextDelta(0, "Hi"),
                new ChatEvent.MessageStop(StopReason.MAX_TOKENS, null));
        encoder.onComplete(out);
        assertThat(written()).contains("\"stop_reason\":\"max_tokens\"")
                .contains("\"usage\":{\"input_tokens\":0,\"output_tokens\":0")
                .endsWith(frame("message_stop", "{\"type\":\"message_stop\"}"));
    }

    @Test
    void anErrorMidStreamWritesAnErrorEventAndNothingAfter() throws IOException {
        send(new ChatEvent.MessageStart("x", "m"), new ChatEvent.TextDelta(0, "Hi"));
        encoder.onError(GatewayError.of(ErrorType.OVERLOADED, "Overloaded"), out);
        encoder.onComplete(out);
        assertThat(written()).endsWith(frame("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
    }

    @Test
    void whatTheEncoderWritesDecodesBackToTheSameEvents() throws IOException {
        List<ChatEvent> events = List.of(new ChatEvent.MessageStart("msg_1", "claude"),
                new ChatEvent.TextDelta(0, "A"), new ChatEvent.ToolUseStart(1, "toolu_1", "f"),
                new ChatEvent.ToolUseDelta(1, "{}"), new ChatEvent.MessageStop(StopReason.TOOL_USE, null),
                new ChatEvent.UsageReport(new Usage(30, 5, 10, 0, 0)));
        send(events.toArray(ChatEvent[]::new));
        encoder.onComplete(out);
        List<ChatEvent> decoded = new ArrayList<>();
        StreamDecoder decoder = new AnthropicCodec().streamDecoder(decoded::add, "p");
        decoder.decode(ByteBuffer.wrap(out.toByteArray()));
        decoder.end();
        assertThat(decoded).containsExactlyElementsOf(events);
    }
}
