package dev.sluice.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/** What a Bedrock SDK reads from Sluice's ConverseStream: event-stream frames decoded with the AWS library. */
class BedrockStreamEncoderTest {

    final BedrockStreamEncoder encoder = new BedrockStreamEncoder();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Decodes with the library's own incremental decoder, which checks both CRCs of every frame. */
    List<Message> frames() {
        MessageDecoder decoder = new MessageDecoder();
        byte[] bytes = out.toByteArray();
        for (int i = 0; i < bytes.length; i += 7) {
            decoder.feed(bytes, i, Math.min(7, bytes.length - i));
        }
        return decoder.getDecodedMessages();
    }

    static String type(Message m) {
        return m.getHeaders().get(":event-type").getString();
    }

    static JsonNode payload(Message m) throws IOException {
        return Json.parse(m.getPayload());
    }

    void send(ChatEvent... events) throws IOException {
        for (ChatEvent e : events) {
            encoder.onEvent(e, out);
        }
    }

    @Test
    void textStreamsAsDeltasWithoutABlockStartThenStopAndMetadataLast() throws IOException {
        send(new ChatEvent.MessageStart("id", "m"), new ChatEvent.TextDelta(0, "Hel"),
                new ChatEvent.TextDelta(0, "lo"), new ChatEvent.MessageStop(StopReason.END_TURN, null),
                new ChatEvent.UsageReport(Usage.of(21, 8)));
        encoder.onComplete(out);
        List<Message> frames = frames();
        assertThat(frames).extracting(BedrockStreamEncoderTest::type).containsExactly("messageStart",
                "contentBlockDelta", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata");
        assertThat(encoder.contentType()).isEqualTo("application/vnd.amazon.eventstream");
        Message first = frames.getFirst();
        assertThat(first.getHeaders().get(":message-type").getString()).isEqualTo("event");
        assertThat(first.getHeaders().get(":content-type").getString()).isEqualTo("application/json");
        assertThat(payload(first)).isEqualTo(Json.parse("{\"role\":\"assistant\"}"));
        assertThat(payload(frames.get(1))).isEqualTo(Json.parse(
                "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hel\"}}"));
        assertThat(payload(frames.get(3))).isEqualTo(Json.parse("{\"contentBlockIndex\":0}"));
        assertThat(payload(frames.get(4))).isEqualTo(Json.parse("{\"stopReason\":\"end_turn\"}"));
        JsonNode meta = payload(frames.get(5));
        assertThat(meta.path("usage")).isEqualTo(Json.parse(
                "{\"inputTokens\":21,\"outputTokens\":8,\"totalTokens\":29}"));
        assertThat(meta.path("metrics").path("latencyMs").isIntegralNumber()).isTrue();
    }

    @Test
    void toolUseGetsABlockStartWithIdAndNameAndInputFragments() throws IOException {
        send(new ChatEvent.MessageStart("id", "m"), new ChatEvent.TextDelta(0, "Checking."),
                new ChatEvent.ToolUseStart(1, "t1", "get_weather"), new ChatEvent.ToolUseDelta(1, "{\"loc"),
                new ChatEvent.ToolUseDelta(1, "ation\":\"Paris\"}"),
                new ChatEvent.MessageStop(StopReason.TOOL_USE, null));
        encoder.onComplete(out);
        List<Message> frames = frames();
        assertThat(frames).extracting(BedrockStreamEncoderTest::type).containsExactly("messageStart",
                "contentBlockDelta", "contentBlockStop", "contentBlockStart", "contentBlockDelta",
                "contentBlockDelta", "contentBlockStop", "messageStop", "metadata");
        assertThat(payload(frames.get(3))).isEqualTo(Json.parse("{\"contentBlockIndex\":1,\"start\":{\"toolUse\":"
                + "{\"toolUseId\":\"t1\",\"name\":\"get_weather\"}}}"));
        assertThat(payload(frames.get(4))).isEqualTo(Json.parse(
                "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"loc\"}}}"));
        assertThat(payload(frames.get(7)).path("stopReason").asText()).isEqualTo("tool_use");
    }

    @Test
    void usageThatArrivesBeforeTheStopIsHeldForTheMetadataAtTheEnd() throws IOException {
        send(new ChatEvent.MessageStart("id", "m"), new ChatEvent.UsageReport(Usage.of(5, 1)),
                new ChatEvent.TextDelta(0, "x"), new ChatEvent.MessageStop(StopReason.MAX_TOKENS, null));
        assertThat(frames()).extracting(BedrockStreamEncoderTest::type).doesNotContain("metadata");
        encoder.onComplete(out);
        List<Message> frames = frames();
        assertThat(type(frames.getLast())).isEqualTo("metadata");
        assertThat(payload(frames.getLast()).path("usage").path("inputTokens").asInt()).isEqualTo(5);
        assertThat(frames).filteredOn(f -> type(f).equals("metadata")).hasSize(1);
    }

    @Test
    void usageAfterTheStopIsWrittenAtOnceAndOnlyOnce() throws IOException {
        send(new ChatEvent.MessageStart("id", "m"), new ChatEvent.TextDelta(0, "x"),
                new ChatEvent.MessageStop(StopReason.END_TURN, null), new ChatEvent.UsageReport(Usage.of(3, 1)));
        assertThat(type(frames().getLast())).isEqualTo("metadata");
        encoder.onComplete(out);
        assertThat(frames()).filteredOn(f -> type(f).equals("metadata")).hasSize(1);
    }

    @Test
    void errorsBecomeExceptionMessagesNamedAsConverseStreamDoes() throws IOException {
        encoder.onError(new GatewayError(ErrorType.RATE_LIMITED, 429, "slow down", "p", null, null), out);
        encoder.onError(GatewayError.of(ErrorType.UPSTREAM_UNAVAILABLE, "down"), out);
        encoder.onError(GatewayError.of(ErrorType.INVALID_REQUEST, "bad"), out);
        encoder.onError(GatewayError.of(ErrorType.UPSTREAM_ERROR, "broke"), out);
        encoder.onError(GatewayError.of(ErrorType.INTERNAL, "oops"), out);
        List<Message> frames = frames();
        assertThat(frames).allSatisfy(f ->
                assertThat(f.getHeaders().get(":message-type").getString()).isEqualTo("exception"));
        assertThat(frames).extracting(f -> f.getHeaders().get(":exception-type").getString()).containsExactly(
                "throttlingException", "serviceUnavailableException", "validationException",
                "modelStreamErrorException", "internalServerException");
        assertThat(payload(frames.getFirst())).isEqualTo(Json.parse("{\"message\":\"slow down\"}"));
    }
}
