package dev.sluice.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.spi.http.BufferedResponse;
import dev.sluice.spi.http.PassThrough;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.testkit.PassedStreams;
import dev.sluice.testkit.TestAttempt;
import dev.sluice.testkit.TestProviderContext;
import dev.sluice.testkit.Transcript;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Streamed Anthropic calls to an Anthropic upstream on the fast path: every event, pings and thinking included,
 * reaches the caller as the upstream wrote it but for the model in {@code message_start}, however the bytes are split.
 */
class AnthropicStreamPassTest {

    private static final Path TRANSCRIPTS = Path.of("src/test/resources/transcripts");
    private final AnthropicCodec codec = new AnthropicCodec();

    private PassThrough.StreamPass pass(String body) {
        var settings = Json.object().put("api_key", "sk-ant").put("base_url", "http://127.0.0.1:9");
        AnthropicProvider provider = (AnthropicProvider) new AnthropicProviderFactory().create(new ProviderSpec("ant",
                "anthropic", settings, "t.yaml: providers[0]"), new TestProviderContext());
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return provider.passThrough("anthropic").stream(b, codec.peek(b, null));
    }

    @Test
    void theBodyGoesUpWithTheModelRenamedAskingForAStream() {
        String body = "{\"model\":\"pub\",\"max_tokens\":9,\"stream\":true,\"messages\":[],\"x_probe\":1}";
        UpstreamRequest r = pass(body).request("claude-sonnet-4-5", new TestAttempt(new Deployment("pub", "ant",
                "claude-sonnet-4-5", Json.object(), null), Map.of()));
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(body.replace("\"pub\"", "\"claude-sonnet-4-5\""));
        assertThat(r.stream()).isTrue();
    }

    @Test
    void everyEventPassesAsItCameButForTheModel() {
        for (String file : List.of("stream.http", "tools-stream.http")) {
            String recorded = new String(Transcript.load(TRANSCRIPTS.resolve(file)).body(), StandardCharsets.UTF_8);
            for (long seed = 1; seed <= 10; seed++) {
                List<ChatEvent> events = new ArrayList<>();
                PassedStreams.feed(pass("{\"model\":\"pub\",\"stream\":true}").decoder(sse(), "pub", events::add),
                        recorded.getBytes(StandardCharsets.UTF_8), seed);
                assertThat(new String(PassedStreams.wire(events), StandardCharsets.UTF_8)).as(file + " " + seed)
                        .isEqualTo(recorded.replace("\"claude-sonnet-4-5-20250929\"", "\"pub\"").strip() + "\n\n");
                PassedStreams.Notes notes = PassedStreams.notes(events);
                assertThat(notes.id()).startsWith("msg_");
                assertThat(notes.usage().inputTokens()).isPositive();
                assertThat(notes.usage().outputTokens()).isPositive();
                assertThat(notes.stop()).isEqualTo(file.startsWith("tools") ? StopReason.TOOL_USE
                        : StopReason.END_TURN);
                assertThat(notes.firstContent()).isPositive();
            }
        }
    }

    @Test
    void thinkingThatTranslationWouldDropPasses() {
        String stream = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                + "\"model\":\"claude-x\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n"
                + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me see\"}}\n\n"
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                + "\"usage\":{\"output_tokens\":5}}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        List<ChatEvent> events = new ArrayList<>();
        PassedStreams.feed(pass("{\"model\":\"pub\",\"stream\":true}").decoder(sse(), "pub", events::add),
                stream.getBytes(StandardCharsets.UTF_8), 4);
        assertThat(new String(PassedStreams.wire(events), StandardCharsets.UTF_8))
                .isEqualTo(stream.replace("\"claude-x\"", "\"pub\""));
        assertThat(PassedStreams.notes(events).usage().outputTokens()).isEqualTo(5);
        assertThat(PassedStreams.notes(events).usage().inputTokens()).isEqualTo(3);
    }

    @Test
    void anErrorEventFailsTheCallAndIsNotPassed() {
        String stream = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                + "\"model\":\"claude-x\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n"
                + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Overloaded\"}}\n\n";
        List<ChatEvent> events = new ArrayList<>();
        var decoder = pass("{\"model\":\"pub\",\"stream\":true}").decoder(sse(), "pub", events::add);
        assertThatThrownBy(() -> PassedStreams.feed(decoder, stream.getBytes(StandardCharsets.UTF_8), 1))
                .isInstanceOf(GatewayException.class);
        assertThat(new String(PassedStreams.wire(events), StandardCharsets.UTF_8)).doesNotContain("error");
    }

    private static BufferedResponse sse() {
        return new BufferedResponse(200, HttpHeaders.of(Map.of("content-type", List.of("text/event-stream")),
                (a, b) -> true), new byte[0]);
    }
}
