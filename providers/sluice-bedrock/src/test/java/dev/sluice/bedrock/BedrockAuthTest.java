package dev.sluice.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.testkit.Calls;
import dev.sluice.testkit.FakeUpstream;
import dev.sluice.testkit.ProviderContract;
import dev.sluice.testkit.TestAttempt;
import dev.sluice.testkit.TestProviderContext;
import dev.sluice.testkit.Transcript;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the provider authenticates and addresses Bedrock, checked on a real socket. */
class BedrockAuthTest {

    final FakeUpstream upstream = new FakeUpstream();

    @AfterEach
    void stop() {
        upstream.close();
    }

    Provider provider(String extraJson, Map<String, String> env) throws Exception {
        var settings = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse("{" + extraJson + "}");
        settings.put("id", "br").put("type", "bedrock").put("region", "us-east-1")
                .put("base_url", upstream.baseUri().toString());
        return new BedrockProviderFactory().create(new ProviderSpec("br", "bedrock", settings, "test.yaml"),
                new TestProviderContext(env, Path.of(".")));
    }

    static TestAttempt attempt(String model) {
        return new TestAttempt(new Deployment("public", "br", model, Json.object(), null));
    }

    static Path transcript(String name) {
        return StreamTranscriptGenerator.DIR.resolve(name);
    }

    @Test
    void anApiKeyIsSentAsABearerTokenWithoutSigning() throws Exception {
        upstream.enqueue(transcript("chat.http"));
        Calls.chat(provider("\"api_key\":\"ABSKbedrockkey123\"", Map.of()), ProviderContract.question(false),
                attempt("upstream-model"));
        RecordedRequest r = upstream.takeRequest();
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer ABSKbedrockkey123");
        assertThat(r.getHeaders().get("x-amz-date")).isNull();
    }

    @Test
    void theBearerTokenVariableIsUsedFromTheEnvironment() throws Exception {
        upstream.enqueue(transcript("chat.http"));
        Calls.chat(provider("", Map.of("AWS_BEARER_TOKEN_BEDROCK", "ABSKfromenv")), ProviderContract.question(false),
                attempt("upstream-model"));
        assertThat(upstream.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer ABSKfromenv");
    }

    @Test
    void modelIdsWithColonsAndArnsAreEscapedAndStillSignCorrectly() throws Exception {
        upstream.enqueue(transcript("chat.http")).enqueue(transcript("chat.http"));
        Provider p = provider("\"access_key_id\":\"AKIDEXAMPLE\",\"secret_access_key\":\""
                + BedrockProviderContractTest.SECRET + "\"", Map.of());
        Calls.chat(p, ProviderContract.question(false).withModel("amazon.nova-lite-v1:0"),
                attempt("amazon.nova-lite-v1:0"));
        RecordedRequest first = upstream.takeRequest();
        assertThat(first.getTarget()).isEqualTo("/model/amazon.nova-lite-v1%3A0/converse");
        BedrockProviderContractTest.assertSignedWithSigV4(first);
        String arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku";
        Calls.chat(p, ProviderContract.question(false).withModel(arn), attempt(arn));
        RecordedRequest second = upstream.takeRequest();
        assertThat(second.getTarget()).isEqualTo("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3A"
                + "inference-profile%2Fus.anthropic.claude-3-5-haiku/converse");
        BedrockProviderContractTest.assertSignedWithSigV4(second);
    }

    @Test
    void sessionCredentialsFromTheEnvironmentSendAndSignTheSecurityToken() throws Exception {
        upstream.enqueue(transcript("chat.http"));
        Calls.chat(provider("", Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", BedrockProviderContractTest.SECRET, "AWS_SESSION_TOKEN", "session-token-1")),
                ProviderContract.question(false), attempt("upstream-model"));
        RecordedRequest r = upstream.takeRequest();
        assertThat(r.getHeaders().get("x-amz-security-token")).isEqualTo("session-token-1");
        assertThat(SigV4Verifier.Authorization.parse(r.getHeaders().get("Authorization")).signedHeaders())
                .contains("x-amz-security-token");
        BedrockProviderContractTest.assertSignedWithSigV4(r);
    }

    @Test
    void aStreamArrivingInSmallPiecesIsDecodedAsItComes() throws Exception {
        upstream.enqueueTrickled(Transcript.load(transcript("stream.http")), 17, 1);
        List<ChatEvent> events = new ArrayList<>();
        Calls.stream(provider("\"api_key\":\"k\"", Map.of()), ProviderContract.question(true),
                attempt("upstream-model"), events::add);
        assertThat(ProviderContract.assemble(events).text()).isEqualTo(ProviderContract.ANSWER);
        RecordedRequest r = upstream.takeRequest();
        assertThat(r.getTarget()).isEqualTo("/model/upstream-model/converse-stream");
        assertThat(r.getHeaders().get("accept")).isEqualTo("application/vnd.amazon.eventstream");
    }

    @Test
    void aThrottledStreamFailsBeforeAnyEventSoTheGatewayCanFallBack() throws Exception {
        upstream.enqueue(transcript("error-429.http"));
        List<ChatEvent> events = new ArrayList<>();
        assertThatThrownBy(() -> Calls.stream(provider("\"api_key\":\"k\"", Map.of()),
                ProviderContract.question(true), attempt("upstream-model"), events::add)).isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().type()).isEqualTo(ErrorType.RATE_LIMITED));
        assertThat(events).isEmpty();
    }
}
