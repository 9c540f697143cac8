package dev.sluice.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.json.Json;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.testkit.Calls;
import dev.sluice.testkit.FakeUpstream;
import dev.sluice.testkit.ProviderContract;
import dev.sluice.testkit.TestAttempt;
import dev.sluice.testkit.TestProviderContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CompatProfileTest {

    private static final Path TRANSCRIPTS = Path.of("src/test/resources/transcripts");
    private final FakeUpstream upstream = new FakeUpstream();

    @AfterEach
    void stop() {
        upstream.close();
    }

    private Provider provider(ObjectNode settings) {
        return new OpenAiProviderFactory().create(new ProviderSpec("p", "openai", settings, "test.yaml: providers[0]"),
                new TestProviderContext());
    }

    private static TestAttempt attempt(String upstreamModel) {
        return new TestAttempt(new Deployment("public", "p", upstreamModel, Json.object(), null));
    }

    @Test
    void azureSendsTheKeyInApiKeyToTheDeploymentPathWithTheApiVersion() {
        upstream.enqueue(TRANSCRIPTS.resolve("chat.http"));
        Provider p = provider(Json.object().put("profile", "azure").put("api_key", "azure-secret")
                .put("base_url", upstream.baseUri().toString()).put("api_version", "2024-10-21"));

        ChatResponse r = Calls.chat(p, ProviderContract.question(false).withModel("my-gpt4o"), attempt("my-gpt4o"));

        assertThat(r.text()).isEqualTo(ProviderContract.ANSWER);
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/openai/deployments/my-gpt4o/chat/completions");
        assertThat(sent.getUrl().queryParameter("api-version")).isEqualTo("2024-10-21");
        assertThat(sent.getHeaders().get("api-key")).isEqualTo("azure-secret");
        assertThat(sent.getHeaders().get("authorization")).isNull();
    }

    @Test
    void azureUsesItsDefaultApiVersionWhenNoneIsConfigured() {
        upstream.enqueue(TRANSCRIPTS.resolve("chat.http"));
        Provider p = provider(Json.object().put("profile", "azure").put("api_key", "k")
                .put("base_url", upstream.baseUri().toString()));
        Calls.chat(p, ProviderContract.question(false).withModel("dep"), attempt("dep"));
        assertThat(upstream.takeRequest().getUrl().queryParameter("api-version"))
                .isEqualTo(CompatProfile.AZURE.defaultApiVersion());
    }

    @Test
    void ollamaNeedsNoKeyAndGetsMaxTokensWithoutParallelToolCalls() {
        upstream.enqueue(TRANSCRIPTS.resolve("tools.http"));
        Provider p = provider(Json.object().put("profile", "ollama").put("base_url", upstream.baseUri() + "/v1"));
        var request = ProviderContract.weatherQuestion(false).toBuilder().model("llama3.2")
                .parallelToolCalls(false).build();

        ChatResponse r = Calls.chat(p, request, attempt("llama3.2"));

        assertThat(r.toolUses()).hasSize(1);
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(sent.getHeaders().get("authorization")).isNull();
        JsonNode body = OpenAiProviderContractTest.body(sent);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(200);
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(body.has("parallel_tool_calls")).isFalse();
    }

    @Test
    void ollamaDefaultsToTheLocalServer() {
        OpenAiSettings s = OpenAiSettings.from(new ProviderSpec("o", "openai",
                Json.object().put("profile", "ollama"), "test.yaml: providers[0]"));
        assertThat(s.endpoint().toString()).isEqualTo("http://127.0.0.1:11434/v1");
        assertThat(s.apiKey()).isNull();
    }

    @Test
    void genericProfileStreamsWithoutStreamOptions() {
        upstream.enqueue(TRANSCRIPTS.resolve("stream.http"));
        Provider p = provider(Json.object().put("profile", "generic").put("base_url", upstream.baseUri().toString())
                .put("api_key", "k"));
        List<ChatEvent> events = new ArrayList<>();

        Calls.stream(p, ProviderContract.question(true), attempt("upstream-model"), events::add);

        assertThat(ProviderContract.assemble(events).text()).isEqualTo(ProviderContract.ANSWER);
        JsonNode body = OpenAiProviderContractTest.body(upstream.takeRequest());
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.has("stream_options")).isFalse();
    }

    @Test
    void organizationAndConfiguredHeadersAreSent() {
        upstream.enqueue(TRANSCRIPTS.resolve("chat.http"));
        ObjectNode settings = Json.object().put("api_key", "k").put("organization", "org-1")
                .put("base_url", upstream.baseUri().toString());
        settings.putObject("headers").put("x-team", "search");
        Calls.chat(provider(settings), ProviderContract.question(false), attempt("upstream-model"));
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.getHeaders().get("openai-organization")).isEqualTo("org-1");
        assertThat(sent.getHeaders().get("x-team")).isEqualTo("search");
    }
}
