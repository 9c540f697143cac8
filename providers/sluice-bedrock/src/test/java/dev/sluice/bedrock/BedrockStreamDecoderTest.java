package dev.sluice.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.testkit.ProviderContract;
import dev.sluice.testkit.Transcript;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/** Replays recorded ConverseStream bodies through the decoder, without a socket. */
class BedrockStreamDecoderTest {

    final List<ChatEvent> events = new ArrayList<>();
    final BedrockStreamDecoder decoder = new BedrockStreamDecoder(events::add, "br", "req-1", "nova");

    /** Feeds {@code body} to the decoder {@code step} bytes at a time, as a slow socket hands it over, then ends it. */
    void replay(byte[] body, int step) {
        for (int at = 0; at < body.length; at += step) {
            decoder.decode(ByteBuffer.wrap(body, at, Math.min(step, body.length - at)));
        }
        decoder.end();
    }

    void replay(byte[] body) {
        replay(body, body.length);
    }

    static byte[] body(String transcript) {
        return Transcript.load(StreamTranscriptGenerator.DIR.resolve(transcript)).body();
    }

    @Test
    void aRecordedTextStreamReplaysToTheAnswerEvenInTinyReads() {
        replay(body("stream.http"), 3);
        assertThat(events.getFirst()).isEqualTo(new ChatEvent.MessageStart("req-1", "nova"));
        assertThat(events).filteredOn(ChatEvent.TextDelta.class::isInstance).hasSize(4);
        ChatResponse r = ProviderContract.assemble(events);
        assertThat(r.text()).isEqualTo(ProviderContract.ANSWER);
        assertThat(r.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(r.usage()).isEqualTo(Usage.of(21, 8));
        assertThat(events.getLast()).isInstanceOf(ChatEvent.UsageReport.class);
    }

    @Test
    void aRecordedToolStreamReplaysToOneCallWithItsArguments() {
        replay(body("tools-stream.http"));
        assertThat(events).contains(new ChatEvent.ToolUseStart(1, "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", "get_weather"));
        ChatResponse r = ProviderContract.assemble(events);
        assertThat(r.toolUses()).hasSize(1);
        assertThat(r.toolUses().getFirst().argumentsJson()).isEqualTo("{\"location\": \"Paris\"}");
        assertThat(r.text()).isEqualTo("I'll look up the weather in Paris.");
    }

    @Test
    void aFrameIsHandedOverAsSoonAsItsLastByteArrives() {
        byte[] all = body("stream.http");
        int firstFrame = ByteBuffer.wrap(all).getInt();
        decoder.decode(ByteBuffer.wrap(all, 0, firstFrame - 1));
        assertThat(events).isEmpty();
        decoder.decode(ByteBuffer.wrap(all, firstFrame - 1, 1));
        assertThat(events).containsExactly(new ChatEvent.MessageStart("req-1", "nova"));
    }

    @Test
    void aFrameLargerThanTheFirstBufferIsGatheredAcrossReads() {
        String text = "Paris ".repeat(2000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventFrames.event("contentBlockDelta", Json.bytes(Json.object().put("contentBlockIndex", 0)
                .set("delta", Json.object().put("text", text)))).encode(out);
        EventFrames.event("messageStop", "{\"stopReason\":\"end_turn\"}".getBytes(StandardCharsets.UTF_8))
                .encode(out);
        replay(out.toByteArray(), 100);
        assertThat(ProviderContract.assemble(events).text()).isEqualTo(text);
    }

    @Test
    void anExceptionMessageBecomesTheMatchingCanonicalError() {
        Message throttled = EventFrames.exception("throttlingException",
                "{\"message\":\"Too many tokens, please wait before trying again.\"}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> decoder.accept(throttled)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.error().type()).isEqualTo(ErrorType.RATE_LIMITED);
            assertThat(e.error().status()).isEqualTo(429);
            assertThat(e.error().message()).contains("Too many tokens").contains("'br'");
        });
        Message broken = EventFrames.exception("modelStreamErrorException",
                "{\"message\":\"stream broke\",\"originalStatusCode\":500}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> decoder.accept(broken)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.error().type().retryable()).isTrue());
        Message tooLong = EventFrames.exception("validationException",
                "{\"message\":\"Input is too long for requested model.\"}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> decoder.accept(tooLong)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.error().type()).isEqualTo(ErrorType.CONTEXT_WINDOW_EXCEEDED));
    }

    @Test
    void anErrorMessageEndsTheStreamAsAnUpstreamErrorNamingItsCode() {
        Message error = new Message(Map.of(":message-type", HeaderValue.fromString("error"),
                ":error-code", HeaderValue.fromString("InternalFailure"),
                ":error-message", HeaderValue.fromString("the model stopped")), new byte[0]);
        assertThatThrownBy(() -> decoder.accept(error)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
            assertThat(e.error().message()).contains("'br'").contains("InternalFailure").contains("the model stopped");
        });
    }

    @Test
    void aStreamCutBeforeMessageStopIsAnUpstreamError() {
        byte[] all = body("stream.http");
        int cut = 0;
        for (int i = 0; i < 3; i++) {
            cut += ByteBuffer.wrap(all, cut, 4).getInt();
        }
        byte[] partial = Arrays.copyOf(all, cut);
        assertThatThrownBy(() -> replay(partial))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
                    assertThat(e.error().message()).contains("before the answer was complete");
                });
    }

    @Test
    void aStreamCutInsideAFrameIsAnUpstreamError() {
        byte[] partial = Arrays.copyOf(body("stream.http"), 40);
        decoder.decode(ByteBuffer.wrap(partial));
        assertThatThrownBy(decoder::end).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
            assertThat(e.error().message()).contains("ended inside a message");
        });
    }

    @Test
    void aFrameWithABadChecksumIsRejected() {
        byte[] all = body("stream.http");
        int len = ByteBuffer.wrap(all).getInt();
        byte[] first = Arrays.copyOf(all, len);
        first[len - 10] ^= 0x20;
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(first)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
                    assertThat(e.error().message()).contains("malformed");
                });
        assertThat(events).isEmpty();
    }

    @Test
    void aFrameLengthOutsideAwsBoundsIsRejectedBeforeAnythingIsGathered() {
        byte[] hugeLength = {0x7f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] tinyLength = {0, 0, 0, 15, 0, 0, 0, 0, 0, 0, 0, 0};
        for (byte[] prelude : List.of(hugeLength, tinyLength)) {
            BedrockStreamDecoder fresh = new BedrockStreamDecoder(events::add, "br", "req-1", "nova");
            assertThatThrownBy(() -> fresh.decode(ByteBuffer.wrap(prelude)))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
                        assertThat(e.error().message()).contains("invalid length");
                    });
        }
    }

    @Test
    void unknownEventsAndReasoningDeltasAreSkipped() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventFrames.event("messageStart", "{\"role\":\"assistant\"}".getBytes(StandardCharsets.UTF_8)).encode(out);
        EventFrames.event("contentBlockDelta", ("{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":"
                + "{\"text\":\"hmm\"}}}").getBytes(StandardCharsets.UTF_8)).encode(out);
        EventFrames.event("somethingNew", "{}".getBytes(StandardCharsets.UTF_8)).encode(out);
        EventFrames.event("messageStop", "{\"stopReason\":\"guardrail_intervened\"}"
                .getBytes(StandardCharsets.UTF_8)).encode(out);
        replay(out.toByteArray());
        assertThat(events).containsExactly(new ChatEvent.MessageStart("req-1", "nova"),
                new ChatEvent.MessageStop(StopReason.CONTENT_FILTERED, null));
    }
}
