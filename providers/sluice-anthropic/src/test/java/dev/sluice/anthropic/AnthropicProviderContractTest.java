package dev.sluice.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.json.Json;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.testkit.FakeUpstream;
import dev.sluice.testkit.HttpProviderContract;
import dev.sluice.testkit.TestAttempt;
import dev.sluice.testkit.TestProviderContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.RecordedRequest;

class AnthropicProviderContractTest extends HttpProviderContract {

    static final String KEY = "sk-ant-api03-test-0123456789";

    @Override
    protected Path transcripts() {
        return Path.of("src/test/resources/transcripts");
    }

    @Override
    protected Prepared prepareAgainst(FakeUpstream upstream, Scenario scenario) {
        var settings = Json.object().put("id", "claude").put("type", "anthropic").put("api_key", KEY)
                .put("base_url", upstream.baseUri().toString());
        var provider = new AnthropicProviderFactory().create(
                new ProviderSpec("claude", "anthropic", settings, "test.yaml: providers[0]"),
                new TestProviderContext());
        var deployment = new Deployment("claude-test", "claude", "upstream-model", Json.object(), null);
        return new Prepared(provider, new TestAttempt(deployment, Map.of("traceparent",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")));
    }

    @Override
    protected void checkUpstreamRequest(Scenario scenario, ChatRequest sent) {
        RecordedRequest request = lastRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(request.getHeaders().get("x-api-key")).isEqualTo(KEY);
        assertThat(request.getHeaders().get("authorization")).isNull();
        assertThat(request.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.getHeaders().get("content-type")).startsWith("application/json");
        assertThat(request.getHeaders().get("traceparent")).startsWith("00-0af7651916cd43dd");
        JsonNode body = body(request);
        assertThat(body.path("model").asText()).isEqualTo("upstream-model");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(sent.maxTokens());
        String system = sent.systemText();
        if (system.isEmpty()) {
            assertThat(body.has("system")).isFalse();
        } else {
            assertThat(body.path("system").asText()).isEqualTo(system);
        }
        JsonNode messages = body.path("messages");
        assertThat(messages.size()).isEqualTo(1);
        assertThat(messages.path(0).path("role").asText()).isEqualTo("user");
        assertThat(messages.path(0).path("content").asText()).isEqualTo(sent.lastUserText());
        if (sent.stream()) {
            assertThat(body.path("stream").asBoolean()).isTrue();
            assertThat(request.getHeaders().get("accept")).isEqualTo("text/event-stream");
        } else {
            assertThat(body.has("stream")).isFalse();
        }
        if (!sent.tools().isEmpty()) {
            assertThat(body.path("tools").path(0).path("name").asText()).isEqualTo("get_weather");
            assertThat(body.path("tools").path(0).path("input_schema").path("type").asText()).isEqualTo("object");
            assertThat(body.path("tool_choice").path("type").asText()).isEqualTo("auto");
        }
    }

    static JsonNode body(RecordedRequest request) {
        try {
            return Json.parse(request.getBody().toByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
