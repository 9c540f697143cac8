package dev.sluice.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.http.SseEvent;
import dev.sluice.spi.http.SseReader;
import dev.sluice.testkit.ProviderContract;
import dev.sluice.testkit.Transcript;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiStreamDecoderTest {

    private final List<ChatEvent> events = new ArrayList<>();
    private final OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(events::add, "oai");

    private void replay(byte[] sse) throws IOException {
        try (SseReader reader = new SseReader(new ByteArrayInputStream(sse))) {
            SseEvent e;
            while ((e = reader.next()) != null && decoder.accept(e.data())) {
                // keep reading
            }
        }
        decoder.finish();
    }

    private void replay(String transcript) throws IOException {
        replay(Transcript.load(Path.of("src/test/resources/transcripts", transcript)).body());
    }

    @Test
    void aRecordedTextStreamBecomesStartDeltasStopAndUsage() throws IOException {
        replay("stream.http");
        assertThat(events.getFirst())
                .isEqualTo(new ChatEvent.MessageStart("chatcmpl-CQd1vA8kPq2Rz6sT4uW1xY3bC5dEf",
                        "gpt-4o-mini-2024-07-18"));
        assertThat(events.subList(1, 8)).allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(
                ChatEvent.TextDelta.class, t -> assertThat(t.block()).isZero()));
        assertThat(events.get(8)).isEqualTo(new ChatEvent.MessageStop(StopReason.END_TURN, null));
        assertThat(events.get(9)).isEqualTo(new ChatEvent.UsageReport(Usage.of(21, 8)));
        assertThat(events).hasSize(10);
    }

    @Test
    void aRecordedToolStreamStartsTheCallOnceAndStreamsItsArguments() throws IOException {
        replay("tools-stream.http");
        assertThat(events.get(1)).isEqualTo(new ChatEvent.ToolUseStart(0, "call_Yl4qR0sU3wX9zA2bC5dE7fG8",
                "get_weather"));
        assertThat(events.stream().filter(ChatEvent.ToolUseDelta.class::isInstance)).hasSize(5);
        ChatResponse r = ProviderContract.assemble(events);
        assertThat(r.toolUses()).containsExactly(new ContentBlock.ToolUse("call_Yl4qR0sU3wX9zA2bC5dE7fG8",
                "get_weather", "{\"location\":\"Paris\"}"));
        assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
    }

    @Test
    void textThenParallelToolCallsGetBlocksInOrderOfFirstAppearance() {
        String h = "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{"
                + "\"index\":0,\"delta\":";
        decoder.accept(h + "{\"role\":\"assistant\",\"content\":\"Sure.\"},\"finish_reason\":null}]}");
        decoder.accept(h + "{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"type\":\"function\",\"function\":"
                + "{\"name\":\"f\",\"arguments\":\"{}\"}},{\"index\":1,\"id\":\"b\",\"type\":\"function\","
                + "\"function\":{\"name\":\"g\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}");
        decoder.accept(h + "{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{\\\"x\\\":1}\"}}]},"
                + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7}}");
        assertThat(decoder.accept("[DONE]")).isFalse();
        decoder.finish();

        assertThat(events).containsExactly(
                new ChatEvent.MessageStart("c", "m"),
                new ChatEvent.TextDelta(0, "Sure."),
                new ChatEvent.ToolUseStart(1, "a", "f"),
                new ChatEvent.ToolUseDelta(1, "{}"),
                new ChatEvent.ToolUseStart(2, "b", "g"),
                new ChatEvent.ToolUseDelta(2, "{\"x\":1}"),
                new ChatEvent.MessageStop(StopReason.TOOL_USE, null),
                new ChatEvent.UsageReport(Usage.of(5, 7)));
    }

    @Test
    void azuresPromptFilterChunkBeforeTheAnswerIsSkipped() {
        decoder.accept("{\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\","
                + "\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{}}]}");
        decoder.accept("{\"choices\":[{\"content_filter_results\":{},\"delta\":{\"content\":\"Hi\","
                + "\"role\":\"assistant\"},\"finish_reason\":null,\"index\":0}],\"created\":1760433151,"
                + "\"id\":\"chatcmpl-az1\",\"model\":\"gpt-4o-2024-11-20\",\"object\":\"chat.completion.chunk\"}");
        assertThat(events).containsExactly(new ChatEvent.MessageStart("chatcmpl-az1", "gpt-4o-2024-11-20"),
                new ChatEvent.TextDelta(0, "Hi"));
    }

    @Test
    void anInStreamErrorThrowsAGatewayException() {
        decoder.accept("{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}");
        assertThatThrownBy(() -> decoder.accept("{\"error\":{\"message\":\"The server had an error\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
                    assertThat(e.error().provider()).isEqualTo("oai");
                    assertThat(e.error().message()).contains("The server had an error");
                });
    }

    @Test
    void anInStreamErrorWithoutAMessageNamesNoHttpStatus() {
        assertThatThrownBy(() -> decoder.accept("{\"error\":{\"type\":\"server_error\",\"code\":null}}"))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().message()).isEqualTo("provider 'oai' failed"));
    }

    @Test
    void aStreamCutBeforeTheFinishReasonIsAnUpstreamError() {
        decoder.accept("{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}");
        assertThatThrownBy(decoder::finish).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.error().type().retryable()).isTrue());
    }

    @Test
    void dataThatIsNotJsonIsAnUpstreamError() {
        assertThatThrownBy(() -> decoder.accept("{not json")).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR));
    }

    @Test
    void whatTheEncoderWritesTheDecoderReadsBack() throws IOException {
        List<ChatEvent> original = List.of(
                new ChatEvent.MessageStart("chatcmpl-7", "pub"),
                new ChatEvent.TextDelta(0, "Let me look."),
                new ChatEvent.ToolUseStart(1, "call_1", "get_weather"),
                new ChatEvent.ToolUseDelta(1, "{\"location\":\"Paris\"}"),
                new ChatEvent.MessageStop(StopReason.TOOL_USE, null),
                new ChatEvent.UsageReport(new Usage(30, 12, 8, 0, 3)));
        ChatRequest request = ChatRequest.builder().model("pub").messages(List.of(Message.user("x"))).stream(true)
                .includeUsage(true).build();
        OpenAiStreamEncoder encoder = new OpenAiStreamEncoder(request, "pub", 1L, "unused");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ChatEvent e : original) {
            encoder.onEvent(e, out);
        }
        encoder.onComplete(out);

        replay(out.toByteArray());

        assertThat(events).isEqualTo(original);
    }
}
