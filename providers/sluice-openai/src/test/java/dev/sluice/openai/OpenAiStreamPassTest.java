package dev.sluice.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.spi.http.BufferedResponse;
import dev.sluice.spi.http.PassThrough;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.testkit.PassedStreams;
import dev.sluice.testkit.TestAttempt;
import dev.sluice.testkit.Transcript;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Streamed OpenAI calls to an OpenAI upstream on the fast path: the recorded chunks reach the caller byte for byte but
 * for the model's name, however the bytes are split, and the ledger's figures are read from them.
 */
class OpenAiStreamPassTest {

    private static final Path TRANSCRIPTS = Path.of("src/test/resources/transcripts");
    private static final String UPSTREAM_MODEL = "\"gpt-4o-mini-2024-07-18\"";
    private final OpenAiChatCodec codec = new OpenAiChatCodec();

    private static OpenAiProvider provider(String profile) {
        var settings = Json.object().put("api_key", "sk-up").put("base_url", "http://127.0.0.1:9/v1")
                .put("profile", profile);
        return (OpenAiProvider) new OpenAiProviderFactory().create(new ProviderSpec("oai", "openai", settings,
                "t.yaml: providers[0]"), new dev.sluice.testkit.TestProviderContext());
    }

    private PassThrough.StreamPass pass(String body) {
        byte[] b = utf8(body);
        return provider("openai").passThrough("openai").stream(b, codec.peek(b, null));
    }

    private static UpstreamRequest request(PassThrough.StreamPass pass) {
        return pass.request("gpt-4o-mini", new TestAttempt(new Deployment("pub", "oai", "gpt-4o-mini", Json.object(),
                null), Map.of()));
    }

    @Test
    void aCallerThatDidNotAskForUsageHasItAskedForUpstream() {
        String body = "{\"model\":\"pub\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        UpstreamRequest r = request(pass(body));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"model\":\"gpt-4o-mini\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream_options\":{\"include_usage\":true}}");
        assertThat(r.stream()).isTrue();
        assertThat(r.headers()).containsEntry("accept", "text/event-stream");
    }

    @Test
    void aCallerThatAskedForUsageIsSentAsItIs() {
        String body = "{\"model\":\"pub\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[]}";
        assertThat(new String(request(pass(body)).body(), StandardCharsets.UTF_8))
                .isEqualTo(body.replace("\"pub\"", "\"gpt-4o-mini\""));
    }

    @Test
    void otherStreamOptionsAreTranslatedInstead() {
        assertThat(pass("{\"model\":\"pub\",\"stream\":true,\"stream_options\":{\"include_usage\":false}}")).isNull();
        assertThat(pass("{\"model\":\"pub\",\"stream\":true,\"stream_options\":{\"include_usage\":true,"
                + "\"include_obfuscation\":false}}")).isNull();
        assertThat(provider("ollama").passThrough("openai")).as("no fast path at all").isNull();
    }

    @Test
    void theChunksPassAsTheyCameButForTheModelAndTheUsageChunkTheCallerDidNotAskFor() {
        String recorded = new String(Transcript.load(TRANSCRIPTS.resolve("stream.http")).body(),
                StandardCharsets.UTF_8);
        for (long seed = 1; seed <= 20; seed++) {
            List<ChatEvent> events = replay(pass("{\"model\":\"pub\",\"stream\":true,\"messages\":[]}"), recorded,
                    seed);
            int usageAt = recorded.lastIndexOf("data: {", recorded.indexOf("\"choices\":[]"));
            String usageChunk = recorded.substring(usageAt, recorded.indexOf("data: [DONE]"));
            assertThat(usageChunk).contains("\"choices\":[]").doesNotContain("finish_reason");
            assertThat(new String(PassedStreams.wire(events), StandardCharsets.UTF_8)).as("seed " + seed)
                    .isEqualTo(recorded.replace(usageChunk, "").replace(UPSTREAM_MODEL, "\"pub\""));
            PassedStreams.Notes notes = PassedStreams.notes(events);
            assertThat(notes.id()).isEqualTo("chatcmpl-CQd1vA8kPq2Rz6sT4uW1xY3bC5dEf");
            assertThat(notes.usage().inputTokens()).isEqualTo(21);
            assertThat(notes.usage().outputTokens()).isEqualTo(8);
            assertThat(notes.stop()).isEqualTo(StopReason.END_TURN);
            assertThat(notes.contentChars()).isEqualTo("The capital of France is Paris.".length());
            assertThat(notes.firstContent()).as("the role chunk carries no content").isEqualTo(1);
        }
    }

    @Test
    void aCallerThatAskedForUsageGetsTheUsageChunk() {
        String recorded = new String(Transcript.load(TRANSCRIPTS.resolve("stream.http")).body(),
                StandardCharsets.UTF_8);
        List<ChatEvent> events = replay(pass("{\"model\":\"pub\",\"stream\":true,\"stream_options\":"
                + "{\"include_usage\":true}}"), recorded, 7);
        assertThat(new String(PassedStreams.wire(events), StandardCharsets.UTF_8))
                .isEqualTo(recorded.replace(UPSTREAM_MODEL, "\"pub\""));
    }

    @Test
    void toolCallsPassWithTheirArgumentsCounted() {
        String recorded = new String(Transcript.load(TRANSCRIPTS.resolve("tools-stream.http")).body(),
                StandardCharsets.UTF_8);
        List<ChatEvent> events = replay(pass("{\"model\":\"pub\",\"stream\":true,\"stream_options\":"
                + "{\"include_usage\":true}}"), recorded, 3);
        assertThat(new String(PassedStreams.wire(events), StandardCharsets.UTF_8))
                .isEqualTo(recorded.replace(UPSTREAM_MODEL, "\"pub\""));
        PassedStreams.Notes notes = PassedStreams.notes(events);
        assertThat(notes.stop()).isEqualTo(StopReason.TOOL_USE);
        assertThat(notes.contentChars()).isPositive();
        assertThat(notes.firstContent()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void anInStreamErrorFailsTheCallAndIsNotPassed() {
        String stream = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":"
                + "[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n"
                + "data: {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}\n\n";
        List<ChatEvent> events = new ArrayList<>();
        var decoder = pass("{\"model\":\"pub\",\"stream\":true}").decoder(sse(), "pub", events::add);
        assertThatThrownBy(() -> PassedStreams.feed(decoder, utf8(stream), 1))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().message())
                        .contains("The server had an error"));
        assertThat(new String(PassedStreams.wire(events), StandardCharsets.UTF_8)).doesNotContain("error");
    }

    @Test
    void aStreamCutBeforeItsFinishIsAnUpstreamErrorAndOneWithoutDoneGetsIt() {
        String chunk = "data: {\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},"
                + "\"finish_reason\":null}]}\n\n";
        var cut = pass("{\"model\":\"pub\",\"stream\":true}").decoder(sse(), "pub", e -> { });
        assertThatThrownBy(() -> PassedStreams.feed(cut, utf8(chunk), 1)).isInstanceOfSatisfying(
                GatewayException.class, e -> assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR));

        List<ChatEvent> events = new ArrayList<>();
        String finished = chunk + chunk.replace("null}]", "\"stop\"}]");
        PassedStreams.feed(pass("{\"model\":\"pub\",\"stream\":true}").decoder(sse(), "pub", events::add),
                utf8(finished), 2);
        assertThat(new String(PassedStreams.wire(events), StandardCharsets.UTF_8))
                .isEqualTo(finished.replace("\"m\"", "\"pub\"") + "data: [DONE]\n\n");
    }

    private static List<ChatEvent> replay(PassThrough.StreamPass pass, String body, long seed) {
        List<ChatEvent> events = new ArrayList<>();
        PassedStreams.feed(pass.decoder(sse(), "pub", events::add), utf8(body), seed);
        return events;
    }

    private static BufferedResponse sse() {
        return new BufferedResponse(200, HttpHeaders.of(Map.of("content-type", List.of("text/event-stream")),
                (a, b) -> true), new byte[0]);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
