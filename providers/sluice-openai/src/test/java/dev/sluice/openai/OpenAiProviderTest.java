package dev.sluice.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiProviderTest {

    private static final Path TRANSCRIPTS = Path.of("src/test/resources/transcripts");
    private final FakeUpstream upstream = new FakeUpstream();
    private final Provider provider = new OpenAiProviderFactory().create(new ProviderSpec("oai", "openai",
            Json.object().put("api_key", "sk-x").put("base_url", upstream.baseUri() + "/v1"), "t.yaml: providers[0]"),
            new TestProviderContext());
    private final TestAttempt attempt =
            new TestAttempt(new Deployment("pub", "oai", "upstream-model", Json.object(), null));

    @AfterEach
    void stop() {
        upstream.close();
    }

    private static Transcript transcript(String text) {
        return Transcript.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aChatRequestCarriesLowerCaseHeadersInOrderToTheParsedEndpoint() {
        ObjectNode settings = Json.object().put("api_key", "sk-x").put("organization", "org-1")
                .put("base_url", "https://gw.example.com/openai/v1");
        settings.putObject("headers").put("X-Team", "search");
        OpenAiProvider p = (OpenAiProvider) new OpenAiProviderFactory().create(
                new ProviderSpec("oai", "openai", settings, "t.yaml: providers[0]"), new TestProviderContext());
        TestAttempt traced = new TestAttempt(attempt.deployment(), Map.of("traceparent", "00-abc-def-01"));

        UpstreamRequest r = p.chatRequest(ProviderContract.question(true), traced);

        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.endpoint()).isSameAs(p.settings().endpoint());
        assertThat(r.path()).isEqualTo("/openai/v1/chat/completions");
        assertThat(r.stream()).isTrue();
        assertThat(r.headers()).containsExactly(
                Map.entry("content-type", "application/json"),
                Map.entry("accept", "text/event-stream"),
                Map.entry("authorization", "Bearer sk-x"),
                Map.entry("openai-organization", "org-1"),
                Map.entry("x-team", "search"),
                Map.entry("traceparent", "00-abc-def-01"));
        assertThat(r.toString()).doesNotContain("sk-x");
    }

    @Test
    void anAzureRequestNamesTheDeploymentAndApiVersionInItsPath() {
        OpenAiProvider p = (OpenAiProvider) new OpenAiProviderFactory().create(new ProviderSpec("az", "openai",
                Json.object().put("profile", "azure").put("api_key", "azure-secret")
                        .put("base_url", "https://r.openai.azure.com/"), "t.yaml: providers[0]"),
                new TestProviderContext());

        UpstreamRequest r = p.chatRequest(ProviderContract.question(false).withModel("my gpt"), attempt);

        assertThat(r.path()).isEqualTo("/openai/deployments/my%20gpt/chat/completions?api-version="
                + CompatProfile.AZURE.defaultApiVersion());
        assertThat(r.headers()).containsEntry("api-key", "azure-secret").containsEntry("accept", "application/json")
                .doesNotContainKey("authorization");
    }

    @Test
    void embeddingsArePostedToTheEmbeddingsPathAndDecoded() {
        upstream.enqueue(transcript("""
                HTTP/1.1 200 OK
                content-type: application/json
                x-request-id: req_e1

                {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,-0.25]}],
                 "model":"text-embedding-3-small","usage":{"prompt_tokens":2,"total_tokens":2}}"""));
        EmbeddingResponse r = Calls.embed(provider, new EmbeddingRequest("text-embedding-3-small", List.of("hi"), null,
                "float", null), attempt);
        assertThat(r.vectors().getFirst()).containsExactly(0.5f, -0.25f);
        assertThat(r.usage().inputTokens()).isEqualTo(2);
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/embeddings");
        assertThat(sent.getHeaders().get("authorization")).isEqualTo("Bearer sk-x");
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
    void aServerThatAnswersAStreamInOnePieceIsReplayedAsEvents() {
        upstream.enqueue(TRANSCRIPTS.resolve("chat.http"));
        List<ChatEvent> events = new ArrayList<>();
        Calls.stream(provider, ProviderContract.question(true), attempt, events::add);
        assertThat(events.getFirst()).isInstanceOf(ChatEvent.MessageStart.class);
        assertThat(ProviderContract.assemble(events).text()).isEqualTo(ProviderContract.ANSWER);
        assertThat(ProviderContract.assemble(events).usage().inputTokens()).isEqualTo(21);
    }

    @Test
    void anErrorInsideTheStreamComesAfterTheEventsBeforeIt() {
        upstream.enqueue(transcript("""
                HTTP/1.1 200 OK
                content-type: text/event-stream

                data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,\
                "delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}

                data: {"error":{"message":"The server had an error while processing your request.",\
                "type":"server_error","param":null,"code":null}}

                """));
        List<ChatEvent> events = new ArrayList<>();
        assertThatThrownBy(() -> Calls.stream(provider, ProviderContract.question(true), attempt, events::add))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR));
        assertThat(events).hasSize(2);
    }

}
