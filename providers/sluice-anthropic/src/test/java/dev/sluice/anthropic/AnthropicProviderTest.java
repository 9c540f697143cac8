package dev.sluice.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.testkit.Calls;
import dev.sluice.testkit.FakeUpstream;
import dev.sluice.testkit.ProviderContract;
import dev.sluice.testkit.TestAttempt;
import dev.sluice.testkit.TestProviderContext;
import dev.sluice.testkit.Transcript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** A stream that has begun: its head, then two events (a message start and "The"). */
    private static final String STREAM_BEGUN = """
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

            """;

    private static Transcript transcript(String text) {
        return Transcript.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static AnthropicProvider provider(ObjectNode settings) {
        return (AnthropicProvider) new AnthropicProviderFactory().create(
                new ProviderSpec("claude", "anthropic", settings, "t.yaml: providers[0]"), new TestProviderContext());
    }

    @Test
    void aStreamRequestIsAPostUnderTheBasePathWithLowerCaseHeadersInOrder() throws IOException {
        AnthropicProvider p = provider(Json.object().put("api_key", "sk-ant-x")
                .put("base_url", "http://proxy.internal:8080/anthropic/").put("anthropic_beta", "beta-1"));
        Map<String, String> forwarded = new LinkedHashMap<>();
        forwarded.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        forwarded.put("X-Api-Key", "forged"); // a forwarded header cannot replace the provider's own
        UpstreamRequest r = p.chatRequest(ProviderContract.question(true), new TestAttempt(attempt.deployment(),
                forwarded));
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.endpoint()).isSameAs(p.settings().endpoint());
        assertThat(r.path()).isEqualTo("/anthropic/v1/messages");
        assertThat(r.stream()).isTrue();
        assertThat(r.headers()).containsExactly(
                entry("content-type", "application/json"),
                entry("accept", "text/event-stream"),
                entry("anthropic-version", "2023-06-01"),
                entry("x-api-key", "sk-ant-x"),
                entry("anthropic-beta", "beta-1"),
                entry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        assertThat(Json.parse(r.body()).path("stream").asBoolean()).isTrue();
        assertThat(r.toString()).isEqualTo("POST http://proxy.internal:8080/anthropic/v1/messages");
    }

    @Test
    void aWholeRequestWithoutKeyOrBetaSendsNeitherHeader() {
        UpstreamRequest r = provider(Json.object()).chatRequest(ProviderContract.question(false), attempt);
        assertThat(r.path()).isEqualTo("/v1/messages");
        assertThat(r.stream()).isFalse();
        assertThat(r.headers()).containsExactly(
                entry("content-type", "application/json"),
                entry("accept", "application/json"),
                entry("anthropic-version", "2023-06-01"));
    }

    @Test
    void theBetaHeaderIsSentWhenConfigured() {
        upstream.enqueue(TRANSCRIPTS.resolve("chat.http"));
        Calls.chat(provider, ProviderContract.question(false), attempt);
        RecordedRequest request = upstream.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(request.getHeaders().get("anthropic-beta")).isEqualTo("prompt-caching-2024-07-31");
        assertThat(request.getHeaders().get("x-api-key")).isEqualTo("sk-ant-x");
    }

    @Test
    void aStreamRefusedUpFrontThrowsBeforeAnyEventSoTheGatewayCanFallBack() {
        upstream.enqueue(TRANSCRIPTS.resolve("error-429.http"));
        List<ChatEvent> events = new ArrayList<>();
        assertThatThrownBy(() -> Calls.stream(provider, ProviderContract.question(true), attempt, events::add))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().type()).isEqualTo(ErrorType.RATE_LIMITED));
        assertThat(events).isEmpty();
    }

    @Test
    void anOverloadedErrorInsideTheStreamComesAfterTheEventsBeforeIt() {
        upstream.enqueue(transcript(STREAM_BEGUN + """
                event: error
                data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}

                """));
        List<ChatEvent> events = new ArrayList<>();
        assertThatThrownBy(() -> Calls.stream(provider, ProviderContract.question(true), attempt, events::add))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().type()).isEqualTo(ErrorType.OVERLOADED));
        assertThat(events).hasSize(2);
    }

    @Test
    void aStreamThatEndsBeforeItsStopReasonFailsAfterTheEventsBeforeIt() {
        upstream.enqueue(transcript(STREAM_BEGUN));
        List<ChatEvent> events = new ArrayList<>();
        assertThatThrownBy(() -> Calls.stream(provider, ProviderContract.question(true), attempt, events::add))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR));
        assertThat(events).hasSize(2);
    }

}
