package dev.sluice.openai;

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

class OpenAiProviderContractTest extends HttpProviderContract {

    static final String KEY = "sk-test-0123456789";

    @Override
    protected Path transcripts() {
        return Path.of("src/test/resources/transcripts");
    }

    @Override
    protected Prepared prepareAgainst(FakeUpstream upstream, Scenario scenario) {
        var settings = Json.object().put("id", "oai").put("type", "openai").put("api_key", KEY)
                .put("base_url", upstream.baseUri() + "/v1");
        var provider = new OpenAiProviderFactory().create(
                new ProviderSpec("oai", "openai", settings, "test.yaml: providers[0]"), new TestProviderContext());
        var deployment = new Deployment("gpt-test", "oai", "upstream-model", Json.object(), null);
        return new Prepared(provider, new TestAttempt(deployment, Map.of("traceparent",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")));
    }

    @Override
    protected void checkUpstreamRequest(Scenario scenario, ChatRequest sent) {
        RecordedRequest request = lastRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.getHeaders().get("content-type")).startsWith("application/json");
        assertThat(request.getHeaders().get("traceparent")).startsWith("00-0af7651916cd43dd");
        JsonNode body = body(request);
        assertThat(body.path("model").asText()).isEqualTo("upstream-model");
        assertThat(body.path("messages").size()).isEqualTo(sent.messages().size());
        assertThat(body.path("messages").path(sent.messages().size() - 1).path("content").asText())
                .isEqualTo(sent.lastUserText());
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(sent.maxTokens());
        if (sent.stream()) {
            assertThat(body.path("stream").asBoolean()).isTrue();
            assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
            assertThat(request.getHeaders().get("accept")).isEqualTo("text/event-stream");
        } else {
            assertThat(body.has("stream")).isFalse();
        }
        if (!sent.tools().isEmpty()) {
            assertThat(body.path("tools").path(0).path("function").path("name").asText()).isEqualTo("get_weather");
            assertThat(body.path("tool_choice").asText()).isEqualTo("auto");
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
