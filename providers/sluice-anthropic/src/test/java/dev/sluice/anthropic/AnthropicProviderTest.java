package dev.sluice.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.testkit.FakeUpstream;
import dev.sluice.testkit.ProviderContract;
import dev.sluice.testkit.TestAttempt;
import dev.sluice.testkit.TestProviderContext;
import dev.sluice.testkit.Transcript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnthropicProviderTest {

    private static final Path TRANSCRIPTS = Path.of("src/test/resources/transcripts");
    private final FakeUpstream upstream = new FakeUpstream();
    private final Provider provider = new AnthropicProviderFactory().create(new ProviderSpec("claude", "anthropic",
            Json.object().put("api_key", "sk-ant-x").put("base_url", upstream.baseUri() + "/")
                    .put("anthropic_beta", "prompt-caching-2024-07-31").put("anthropic_version", "2023-06-01"),
            "t.yaml: providers[0]"), new TestProviderContext());
    private final TestAttempt attempt =
            new TestAttempt(new Deployment("pub", "claude", "upstream-model", Json.object(), null));

    @AfterEach
    void stop() {
        upstream.close();
    }

    private static Transcript transcript(String text) {
        return Transcript.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theBetaHeaderIsSentWhenConfigured() {
        upstream.enqueue(TRANSCRIPTS.resolve("chat.http"));
        provider.chat(ProviderContract.question(false), attempt);
        RecordedRequest request = upstream.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(request.getHeaders().get("anthropic-beta")).isEqualTo("prompt-caching-2024-07-31");
        assertThat(request.getHeaders().get("x-api-key")).isEqualTo("sk-ant-x");
    }

    @Test
    void aStreamRefusedUpFrontThrowsBeforeAnyEventSoTheGatewayCanFallBack() {
        upstream.enqueue(TRANSCRIPTS.resolve("error-429.http"));
        List<ChatEvent> events = new ArrayList<>();
        assertThatThrownBy(() -> provider.stream(ProviderContract.question(true), attempt, events::add))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().type()).isEqualTo(ErrorType.RATE_LIMITED));
        assertThat(events).isEmpty();
    }

    @Test
    void anOverloadedErrorInsideTheStreamComesAfterTheEventsBeforeIt() {
        upstream.enqueue(transcript("""
                HTTP/1.1 200 OK
                content-type: text/event-stream; charset=utf-8

                event: message_start
                data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant",\
                "content":[],"model":"claude","stop_reason":null,"stop_sequence":null,\
                "usage":{"input_tokens":21,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"The"}}

                event: error
                data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}

                """));
        List<ChatEvent> events = new ArrayList<>();
        assertThatThrownBy(() -> provider.stream(ProviderContract.question(true), attempt, events::add))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().type()).isEqualTo(ErrorType.OVERLOADED));
        assertThat(events).hasSize(2);
    }

    @Test
    void eventsReachTheSinkWhileTheStreamIsStillArriving() {
        upstream.enqueueTrickled(Transcript.load(TRANSCRIPTS.resolve("stream.http")), 64, 5);
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        provider.stream(ProviderContract.question(true), attempt, e -> arrivals.add(System.nanoTime()));
        assertThat(arrivals).hasSize(6);
        assertThat(arrivals.getLast() - arrivals.getFirst()).isPositive();
    }

    @Test
    void cancellingTheAttemptEndsABlockedStreamRead() {
        upstream.enqueueTrickled(Transcript.load(TRANSCRIPTS.resolve("stream.http")), 16, 200);
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            attempt.cancel();
        });
        assertThatThrownBy(() -> provider.stream(ProviderContract.question(true), attempt, events::add))
                .isInstanceOf(GatewayException.class);
        assertThat(events.stream().filter(ChatEvent.MessageStop.class::isInstance)).isEmpty();
    }
}
