package dev.sluice.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.testkit.ProviderContract;
import dev.sluice.testkit.Transcript;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.Message;

/** Replays recorded ConverseStream bodies through the frame reader and the decoder, without a socket. */
class BedrockStreamDecoderTest {

    final List<ChatEvent> events = new ArrayList<>();
    final BedrockStreamDecoder decoder = new BedrockStreamDecoder(events::add, "br", "req-1", "nova");

    void replay(InputStream in) throws IOException {
        EventStreamReader reader = new EventStreamReader(in);
        Message m;
        while ((m = reader.next()) != null) {
            decoder.accept(m);
        }
        decoder.finish();
    }

    static byte[] body(String transcript) {
        return Transcript.load(StreamTranscriptGenerator.DIR.resolve(transcript)).body();
    }

    @Test
    void aRecordedTextStreamReplaysToTheAnswerEvenInTinyReads() throws IOException {
        replay(new DribblingStream(body("stream.http"), 3));
        assertThat(events.getFirst()).isEqualTo(new ChatEvent.MessageStart("req-1", "nova"));
        assertThat(events).filteredOn(ChatEvent.TextDelta.class::isInstance).hasSize(4);
        ChatResponse r = ProviderContract.assemble(events);
        assertThat(r.text()).isEqualTo(ProviderContract.ANSWER);
        assertThat(r.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(r.usage()).isEqualTo(Usage.of(21, 8));
        assertThat(events.getLast()).isInstanceOf(ChatEvent.UsageReport.class);
    }

    @Test
    void aRecordedToolStreamReplaysToOneCallWithItsArguments() throws IOException {
        replay(new ByteArrayInputStream(body("tools-stream.http")));
        assertThat(events).contains(new ChatEvent.ToolUseStart(1, "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", "get_weather"));
        ChatResponse r = ProviderContract.assemble(events);
        assertThat(r.toolUses()).hasSize(1);
        assertThat(r.toolUses().getFirst().argumentsJson()).isEqualTo("{\"location\": \"Paris\"}");
        assertThat(r.text()).isEqualTo("I'll look up the weather in Paris.");
    }

    @Test
    void theReaderHandsOverAFrameWithoutWaitingForTheNext() throws IOException {
        byte[] all = body("stream.http");
        int firstFrame = java.nio.ByteBuffer.wrap(all).getInt();
        // a stream that fails if anything past the first frame is read, as a socket would block
        InputStream in = new ByteArrayInputStream(Arrays.copyOf(all, firstFrame)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw new AssertionError("read past the first frame");
                }
                return n;
            }
        };
        Message m = new EventStreamReader(in).next();
        decoder.accept(m);
        assertThat(events).containsExactly(new ChatEvent.MessageStart("req-1", "nova"));
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
    void aStreamCutBeforeMessageStopIsAnUpstreamError() {
        byte[] all = body("stream.http");
        int cut = 0;
        for (int i = 0; i < 3; i++) {
            cut += java.nio.ByteBuffer.wrap(all, cut, 4).getInt();
        }
        byte[] partial = Arrays.copyOf(all, cut);
        assertThatThrownBy(() -> replay(new ByteArrayInputStream(partial)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
                    assertThat(e.error().message()).contains("before the answer was complete");
                });
    }

    @Test
    void aStreamCutInsideAFrameFailsReading() {
        byte[] partial = Arrays.copyOf(body("stream.http"), 40);
        assertThatThrownBy(() -> new EventStreamReader(new ByteArrayInputStream(partial)).next())
                .isInstanceOf(EOFException.class);
    }

    @Test
    void aFrameWithABadChecksumIsRejected() throws IOException {
        byte[] all = body("stream.http");
        int len = java.nio.ByteBuffer.wrap(all).getInt();
        byte[] first = Arrays.copyOf(all, len);
        first[len - 10] ^= 0x20;
        assertThatThrownBy(() -> new EventStreamReader(new ByteArrayInputStream(first)).next())
                .isInstanceOf(IOException.class).hasMessageContaining("malformed");
        byte[] hugeLength = {0x7f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> new EventStreamReader(new ByteArrayInputStream(hugeLength)).next())
                .isInstanceOf(IOException.class).hasMessageContaining("invalid length");
    }

    @Test
    void unknownEventsAndReasoningDeltasAreSkipped() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventFrames.event("messageStart", "{\"role\":\"assistant\"}".getBytes(StandardCharsets.UTF_8)).encode(out);
        EventFrames.event("contentBlockDelta", ("{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":"
                + "{\"text\":\"hmm\"}}}").getBytes(StandardCharsets.UTF_8)).encode(out);
        EventFrames.event("somethingNew", "{}".getBytes(StandardCharsets.UTF_8)).encode(out);
        EventFrames.event("messageStop", "{\"stopReason\":\"guardrail_intervened\"}"
                .getBytes(StandardCharsets.UTF_8)).encode(out);
        replay(new ByteArrayInputStream(out.toByteArray()));
        assertThat(events).containsExactly(new ChatEvent.MessageStart("req-1", "nova"),
                new ChatEvent.MessageStop(StopReason.CONTENT_FILTERED, null));
    }

    /** Hands out at most {@code step} bytes per read, as a slow socket does. */
    static final class DribblingStream extends ByteArrayInputStream {
        private final int step;

        DribblingStream(byte[] data, int step) {
            super(data);
            this.step = step;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, step));
        }
    }
}
