package dev.sluice.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.testkit.ProviderContract;
import dev.sluice.testkit.TestAttempt;
import dev.sluice.testkit.TestProviderContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the provider asks the engine to send: where, which headers in which order, and what a signature covers. */
class BedrockChatRequestTest {

    static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    static final TestAttempt ATTEMPT = new TestAttempt(new Deployment("public", "br", "upstream-model",
            Json.object(), null), Map.of("TraceParent", TRACEPARENT));

    static BedrockProvider provider(String extraJson) throws Exception {
        var settings = (ObjectNode) Json.parse("{" + extraJson + "}");
        settings.put("id", "br").put("type", "bedrock").put("region", "us-east-1");
        return (BedrockProvider) new BedrockProviderFactory().create(
                new ProviderSpec("br", "bedrock", settings, "test.yaml"), new TestProviderContext());
    }

    @Test
    void theModelIdIsOneEscapedSegmentUnderTheBasePath() throws Exception {
        BedrockProvider p = provider("\"api_key\":\"k\",\"base_url\":\"https://gw.example.com/aws/bedrock/\"");
        String model = "amazon.nova-lite-v1:0";

        UpstreamRequest whole = p.chatRequest(ProviderContract.question(false).withModel(model), ATTEMPT);
        assertThat(whole.method()).isEqualTo("POST");
        assertThat(whole.endpoint()).isEqualTo(p.settings().endpoint());
        assertThat(whole.path()).isEqualTo("/aws/bedrock/model/amazon.nova-lite-v1%3A0/converse");
        assertThat(whole.stream()).isFalse();

        UpstreamRequest streamed = p.chatRequest(ProviderContract.question(true).withModel(model), ATTEMPT);
        assertThat(streamed.path()).isEqualTo("/aws/bedrock/model/amazon.nova-lite-v1%3A0/converse-stream");
        assertThat(streamed.stream()).isTrue();
    }

    @Test
    void headersAreLowerCaseInOrderWithTheAuthenticationLast() throws Exception {
        UpstreamRequest r = provider("\"api_key\":\"k\"").chatRequest(ProviderContract.question(true), ATTEMPT);
        assertThat(r.headers()).containsExactly(entry("content-type", "application/json"),
                entry("accept", "application/vnd.amazon.eventstream"), entry("traceparent", TRACEPARENT),
                entry("authorization", "Bearer k"));
    }

    @ParameterizedTest(name = "{0} is signed as host {1}")
    @CsvSource({
        "https://bedrock-runtime.us-east-1.amazonaws.com, bedrock-runtime.us-east-1.amazonaws.com",
        "https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com:8443/, "
                + "vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com:8443",
        "http://127.0.0.1:80/proxy, 127.0.0.1",
    })
    void aSigV4SignatureCoversTheHeadersSentTheBodyAndTheHostTheTransportSets(String baseUrl, String host)
            throws Exception {
        BedrockProvider p = provider("\"base_url\":\"" + baseUrl + "\",\"access_key_id\":\""
                + BedrockProviderContractTest.KEY_ID + "\",\"secret_access_key\":\""
                + BedrockProviderContractTest.SECRET + "\",\"session_token\":\"session-1\"");
        UpstreamRequest r = p.chatRequest(ProviderContract.question(false), ATTEMPT);

        assertThat(r.headers()).doesNotContainKey("host");
        assertThat(r.headers().get("authorization")).startsWith("AWS4-HMAC-SHA256 ");
        assertThat(r.headers().keySet()).allMatch(name -> name.equals(name.toLowerCase(Locale.ROOT)));
        assertThat(List.copyOf(r.headers().keySet()).subList(0, 3)).containsExactly("content-type", "accept",
                "traceparent");
        assertThat(r.headers()).containsEntry("x-amz-security-token", "session-1");
        SigV4Verifier.Authorization auth = SigV4Verifier.Authorization.parse(r.headers().get("authorization"));
        assertThat(auth.signedHeaders()).contains("host", "content-type", "accept", "traceparent", "x-amz-date",
                "x-amz-security-token");
        String expected = SigV4Verifier.signature("POST", r.path(), "", auth.signedHeaders(),
                name -> name.equals("host") ? host : r.headers().get(name), r.body(),
                BedrockProviderContractTest.SECRET, r.headers().get("x-amz-date"), "us-east-1", "bedrock", true);
        assertThat(auth.signature()).isEqualTo(expected);
    }
}
