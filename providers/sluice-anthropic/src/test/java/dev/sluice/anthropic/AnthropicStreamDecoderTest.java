package dev.sluice.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.http.SseEvent;
import dev.sluice.spi.http.StreamDecoder;
import dev.sluice.testkit.Transcript;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicStreamDecoderTest {

    private static final String MESSAGE_START = "event: message_start\n"
            + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"c\"}}\n\n";
    /** A stop reason, without the blank line that would end its event. */
    private static final String END_TURN = "event: message_delta\n"
            + "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"}}";

    private final List<ChatEvent> events = new ArrayList<>();
    private final AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(events::add, "claude");
    /** The decoder as the engine feeds it: the body's bytes, framed into events. */
    private final StreamDecoder body = new dev.sluice.spi.http.SseStream(decoder::accept, decoder::finish, "claude");

    private void replay(String transcript) {
        body.decode(ByteBuffer.wrap(Transcript.load(Path.of("src/test/resources/transcripts", transcript)).body()));
        body.end();
    }

    private void receive(String sse) {
        body.decode(ByteBuffer.wrap(sse.getBytes(StandardCharsets.UTF_8)));
    }

    private void feed(String type, String data) {
        decoder.accept(new SseEvent(type, data));
    }

    @Test
    void theTextStreamTranscriptDecodesToCanonicalEventsInOrder() {
        replay("stream.http");
        assertThat(events).containsExactly(
                new ChatEvent.MessageStart("msg_01PkQ7nJx5vB2mWc9sYtR3aZ", "claude-sonnet-4-5-20250929"),
                new ChatEvent.TextDelta(0, "The capital"),
                new ChatEvent.TextDelta(0, " of France is"),
                new ChatEvent.TextDelta(0, " Paris."),
                new ChatEvent.MessageStop(StopReason.END_TURN, null),
                new ChatEvent.UsageReport(Usage.of(21, 8)));
    }

    @Test
    void theToolStreamTranscriptGivesAToolStartAndItsArgumentFragments() {
        replay("tools-stream.http");
        assertThat(events).containsExactly(
                new ChatEvent.MessageStart("msg_014p7gG3wDgGV9EUtLvnow3U", "claude-sonnet-4-5-20250929"),
                new ChatEvent.TextDelta(0, "I'll check the current"),
                new ChatEvent.TextDelta(0, " weather in Paris."),
                new ChatEvent.ToolUseStart(1, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather"),
                new ChatEvent.ToolUseDelta(1, "{\"locati"),
                new ChatEvent.ToolUseDelta(1, "on\": \"Par"),
                new ChatEvent.ToolUseDelta(1, "is\"}"),
                new ChatEvent.MessageStop(StopReason.TOOL_USE, null),
                new ChatEvent.UsageReport(Usage.of(64, 18)));
    }

    @Test
    void inputCountsComeFromMessageStartWhenMessageDeltaOnlyHasOutput() {
        feed("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"c\","
                + "\"usage\":{\"input_tokens\":5,\"cache_creation_input_tokens\":2,\"cache_read_input_tokens\":40,"
                + "\"output_tokens\":1}}}");
        feed("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":9}}");
        assertThat(events).endsWith(new ChatEvent.MessageStop(StopReason.MAX_TOKENS, null),
                new ChatEvent.UsageReport(new Usage(47, 9, 40, 2, 0)));
    }

    @Test
    void thinkingBlocksAreSkippedAndLaterBlocksRenumberedWithoutGaps() {
        feed("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"c\"}}");
        feed("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}");
        feed("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me think\"}}");
        feed("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"signature_delta\",\"signature\":\"abc\"}}");
        feed("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        feed("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        feed("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Answer\"}}");
        assertThat(events).containsExactly(new ChatEvent.MessageStart("m", "c"), new ChatEvent.TextDelta(0, "Answer"));
    }

    @Test
    void pingsAndUnknownEventsAreIgnoredAndMessageStopEndsTheStream() {
        feed("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"c\"}}");
        feed("ping", "{\"type\": \"ping\"}");
        feed("something_new", "{\"type\":\"something_new\"}");
        feed("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                + "\"usage\":{\"output_tokens\":1}}");
        assertThat(decoder.accept(new SseEvent("message_stop", "{\"type\":\"message_stop\"}"))).isFalse();
        assertThat(events).hasSize(3);
        decoder.finish();
    }

    @Test
    void whateverFollowsMessageStopIsSkipped() {
        receive(MESSAGE_START + END_TURN + "\n\n" + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"
                + "data: {not json\n\n");
        body.end();
        assertThat(events).containsExactly(new ChatEvent.MessageStart("m", "c"),
                new ChatEvent.MessageStop(StopReason.END_TURN, null));
    }

    @Test
    void aLastEventWithoutItsBlankLineStillCountsWhenTheBodyEnds() {
        receive(MESSAGE_START + END_TURN);
        assertThat(events).containsExactly(new ChatEvent.MessageStart("m", "c"));
        body.end();
        assertThat(events).containsExactly(new ChatEvent.MessageStart("m", "c"),
                new ChatEvent.MessageStop(StopReason.END_TURN, null));
    }

    @Test
    void anOverloadedErrorEventThrowsOverloaded() {
        feed("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"c\"}}");
        assertThatThrownBy(() -> feed("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().type()).isEqualTo(ErrorType.OVERLOADED);
                    assertThat(e.error().status()).isEqualTo(529);
                    assertThat(e.error().provider()).isEqualTo("claude");
                    assertThat(e.error().message()).contains("Overloaded");
                });
    }

    @Test
    void aStreamCutShortBeforeTheStopReasonIsAnUpstreamError() {
        feed("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"c\"}}");
        feed("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hal\"}}");
        assertThatThrownBy(decoder::finish).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR));
    }

    @Test
    void unreadableEventsAndContentBeforeMessageStartAreUpstreamErrors() {
        assertThatThrownBy(() -> feed("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}"))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR));
        assertThatThrownBy(() -> feed("message_start", "{not json"))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR));
    }
}
