package dev.sluice.bedrock;

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
import dev.sluice.testkit.TestProviderContext;
import dev.sluice.testkit.Transcript;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Streamed Converse calls to a Bedrock upstream on the fast path: every event-stream frame reaches the caller byte for
 * byte, however the bytes are split, and an exception frame fails the call without being passed.
 */
class BedrockStreamPassTest {

    private static final Path TRANSCRIPTS = Path.of("src/test/resources/transcripts");
    private static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}";
    private final BedrockCodec codec = new BedrockCodec();

    private PassThrough.StreamPass pass() {
        var settings = Json.object().put("region", "us-east-1").put("base_url", "http://127.0.0.1:9")
                .put("api_key", "br-key");
        BedrockProvider provider = (BedrockProvider) new BedrockProviderFactory().create(new ProviderSpec("br",
                "bedrock", settings, "t.yaml: providers[0]"), new TestProviderContext());
        byte[] b = BODY.getBytes(StandardCharsets.UTF_8);
        return provider.passThrough("bedrock").stream(b, codec.peek(b, "pub"));
    }

    @Test
    void theBodyGoesUpAsItIsToTheStreamPath() {
        UpstreamRequest r = pass().request("amazon.nova-lite-v1:0", new TestAttempt(new Deployment("pub", "br",
                "amazon.nova-lite-v1:0", Json.object(), null), Map.of()));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(BODY);
        assertThat(r.path()).isEqualTo("/model/amazon.nova-lite-v1%3A0/converse-stream");
        assertThat(r.stream()).isTrue();
    }

    @Test
    void everyFramePassesByteForByte() {
        for (String file : List.of("stream.http", "tools-stream.http")) {
            Transcript t = Transcript.load(TRANSCRIPTS.resolve(file));
            for (long seed = 1; seed <= 10; seed++) {
                List<ChatEvent> events = new ArrayList<>();
                PassedStreams.feed(pass().decoder(head("6b1d5c0e"), "pub", events::add), t.body(), seed);
                assertThat(PassedStreams.wire(events)).as(file + " " + seed).isEqualTo(t.body());
                PassedStreams.Notes notes = PassedStreams.notes(events);
                assertThat(notes.id()).isEqualTo("6b1d5c0e");
                assertThat(notes.usage().outputTokens()).isPositive();
                assertThat(notes.stop()).isEqualTo(file.startsWith("tools") ? StopReason.TOOL_USE
                        : StopReason.END_TURN);
                assertThat(notes.firstContent()).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Test
    void anExceptionFrameFailsTheCallAndIsNotPassed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventFrames.event("messageStart", "{\"role\":\"assistant\"}".getBytes(StandardCharsets.UTF_8)).encode(out);
        int firstFrame = out.size();
        EventFrames.exception("throttlingException", "{\"message\":\"Too many tokens\"}"
                .getBytes(StandardCharsets.UTF_8)).encode(out);
        List<ChatEvent> events = new ArrayList<>();
        var decoder = pass().decoder(head("r1"), "pub", events::add);
        assertThatThrownBy(() -> PassedStreams.feed(decoder, out.toByteArray(), 1))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().type()).isEqualTo(ErrorType.RATE_LIMITED));
        assertThat(PassedStreams.wire(events)).hasSize(firstFrame);
    }

    private static BufferedResponse head(String requestId) {
        return new BufferedResponse(200, HttpHeaders.of(Map.of("content-type",
                List.of("application/vnd.amazon.eventstream"), "x-amzn-RequestId", List.of(requestId)),
                (a, b) -> true), new byte[0]);
    }
}
