package dev.sluice.bedrock;

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

/** The shared provider contract against recorded Bedrock Converse / ConverseStream answers, signed with SigV4. */
class BedrockProviderContractTest extends HttpProviderContract {

    static final String KEY_ID = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    @Override
    protected Path transcripts() {
        return StreamTranscriptGenerator.DIR;
    }

    @Override
    protected Prepared prepareAgainst(FakeUpstream upstream, Scenario scenario) {
        var settings = Json.object().put("id", "br").put("type", "bedrock").put("region", "us-east-1")
                .put("base_url", upstream.baseUri().toString()).put("access_key_id", KEY_ID)
                .put("secret_access_key", SECRET);
        var provider = new BedrockProviderFactory().create(
                new ProviderSpec("br", "bedrock", settings, "test.yaml: providers[0]"), new TestProviderContext());
        var deployment = new Deployment("claude", "br", "upstream-model", Json.object(), null);
        return new Prepared(provider, new TestAttempt(deployment, Map.of("traceparent",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")));
    }

    /** {@inheritDoc} An event-stream frame says its own length in its first four bytes (big-endian). */
    @Override
    protected int firstEventBytes(byte[] streamBody) {
        return java.nio.ByteBuffer.wrap(streamBody).getInt(0);
    }

    @Override
    protected void checkUpstreamRequest(Scenario scenario, ChatRequest sent) {
        RecordedRequest request = lastRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        String operation = sent.stream() ? "converse-stream" : "converse";
        assertThat(request.getTarget()).isEqualTo("/model/upstream-model/" + operation);
        assertThat(request.getHeaders().get("content-type")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("traceparent")).startsWith("00-0af7651916cd43dd");
        assertSignedWithSigV4(request);
        JsonNode body = body(request);
        assertThat(body.has("modelId")).isFalse();
        long nonSystem = sent.messages().stream().filter(m -> m.role() != dev.sluice.api.chat.Role.SYSTEM).count();
        assertThat(body.path("messages").size()).isEqualTo((int) nonSystem);
        JsonNode last = body.path("messages").path((int) nonSystem - 1);
        assertThat(last.path("role").asText()).isEqualTo("user");
        assertThat(last.path("content").path(0).path("text").asText()).isEqualTo(sent.lastUserText());
        assertThat(body.path("inferenceConfig").path("maxTokens").asInt()).isEqualTo(sent.maxTokens());
        if (!sent.systemText().isEmpty()) {
            assertThat(body.path("system").path(0).path("text").asText()).isEqualTo(sent.systemText());
        }
        if (!sent.tools().isEmpty()) {
            JsonNode spec = body.path("toolConfig").path("tools").path(0).path("toolSpec");
            assertThat(spec.path("name").asText()).isEqualTo("get_weather");
            assertThat(spec.path("inputSchema").path("json")).isEqualTo(sent.tools().getFirst().parameters());
            assertThat(body.path("toolConfig").path("toolChoice").has("auto")).isTrue();
        }
    }

    /** Recomputes the signature from what arrived on the socket with an independent SigV4 implementation. */
    static void assertSignedWithSigV4(RecordedRequest request) {
        String header = request.getHeaders().get("Authorization");
        assertThat(header).startsWith("AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/")
                .contains("/us-east-1/bedrock/aws4_request");
        String amzDate = request.getHeaders().get("x-amz-date");
        assertThat(amzDate).matches("\\d{8}T\\d{6}Z");
        SigV4Verifier.Authorization auth = SigV4Verifier.Authorization.parse(header);
        assertThat(auth.date()).isEqualTo(amzDate.substring(0, 8));
        assertThat(auth.signedHeaders()).contains("host", "x-amz-date", "content-type");
        String expected = SigV4Verifier.signature(request.getMethod(), request.getTarget(), "", auth.signedHeaders(),
                name -> request.getHeaders().get(name), request.getBody().toByteArray(), SECRET, amzDate,
                "us-east-1", "bedrock", true);
        assertThat(auth.signature()).isEqualTo(expected);
    }

    static JsonNode body(RecordedRequest request) {
        try {
            return Json.parse(request.getBody().toByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
