package dev.sluice.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.api.wire.RequestPeek;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.spi.http.BufferedResponse;
import dev.sluice.spi.http.PassThrough;
import dev.sluice.spi.http.PassedAnswer;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.testkit.Calls;
import dev.sluice.testkit.FakeUpstream;
import dev.sluice.testkit.RequestPeekContract;
import dev.sluice.testkit.TestAttempt;
import dev.sluice.testkit.TestProviderContext;
import dev.sluice.testkit.Transcript;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bedrock callers to a Bedrock upstream: the Converse body goes up as the same bytes, to the upstream model's path,
 * signed; the answer comes back as the same bytes with its request id.
 */
class BedrockPassThroughTest extends RequestPeekContract {

    private static final String UPSTREAM_MODEL = "amazon.nova-lite-v1:0";
    private static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"h\\u00e9llo \u00e9"
            + " \\\"q\\\"\"}]}],\"inferenceConfig\":{\"temperature\":0.5,\"maxTokens\":64},"
            + "\"additionalModelRequestFields\":{\"top_k\":5},\"performanceConfig\":{\"latency\":\"optimized\"}}";
    private static final String ANSWER = "{\"metrics\":{\"latencyMs\":358},\"output\":{\"message\":{\"content\":"
            + "[{\"reasoningContent\":{\"reasoningText\":{\"text\":\"hm\"}}},{\"text\":\"Paris \u00e9.\"}],"
            + "\"role\":\"assistant\"}},\"stopReason\":\"max_tokens\",\"usage\":{\"inputTokens\":21,"
            + "\"outputTokens\":8,\"totalTokens\":37,\"cacheReadInputTokens\":5,\"cacheWriteInputTokens\":3},"
            + "\"additionalModelResponseFields\":{\"probe\":1},\"trace\":{}}";

    private final BedrockCodec codec = new BedrockCodec();
    private final TestAttempt attempt = new TestAttempt(new Deployment("pub", "br", UPSTREAM_MODEL, Json.object(),
            null), Map.of("traceparent", BedrockChatRequestTest.TRACEPARENT));
    private final FakeUpstream upstream = new FakeUpstream();

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Override
    protected BedrockCodec codec() {
        return codec;
    }

    @Override
    protected String pathModel() {
        return "m";
    }

    private BedrockProvider provider(String extraJson) throws Exception {
        var settings = (ObjectNode) Json.parse("{" + extraJson + "}");
        settings.put("region", "us-east-1").put("base_url", upstream.baseUri().toString());
        return (BedrockProvider) new BedrockProviderFactory().create(
                new ProviderSpec("br", "bedrock", settings, "test.yaml: providers[0]"), new TestProviderContext());
    }

    private BedrockProvider signing() throws Exception {
        return provider("\"access_key_id\":\"" + BedrockProviderContractTest.KEY_ID + "\",\"secret_access_key\":\""
                + BedrockProviderContractTest.SECRET + "\"");
    }

    @Test
    void thePeekNamesThePathsModelAndNoPlaceInTheBody() {
        RequestPeek p = codec.peek(utf8(BODY), "pub:v1/\u00e9");
        assertThat(p.model()).isEqualTo("pub:v1/\u00e9");
        assertThat(p.stream()).isFalse();
        assertThat(p.maxTokens()).isEqualTo(64);
        assertThat(p.modelStart()).isEqualTo(-1);
        assertThat(p.modelEnd()).isEqualTo(-1);
        assertThat(p.modelInBody()).isFalse();
        assertThat(p.withModel(utf8(BODY), UPSTREAM_MODEL)).isEqualTo(utf8(BODY));
        assertThat(codec.peek(utf8("{\"messages\":[],\"inferenceConfig\":null}"), "m").maxTokens()).isNull();
    }

    @Test
    void aBlankPathModelIsRefusedAsTheDecoderRefusesIt() {
        for (String model : Arrays.asList(null, "", " ")) {
            assertThatThrownBy(() -> codec.peek(utf8(BODY), model)).as("[" + model + "]")
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.error().type()).isEqualTo(ErrorType.INVALID_REQUEST);
                        assertThat(e.error().param()).isEqualTo("modelId");
                    });
        }
    }

    @Test
    void theCallersBodyGoesUpAsTheSameBytesSignedForTheUpstreamModelsPath() throws Exception {
        upstream.enqueue(answer(ANSWER, "5d8e2f10-7c4b-4a9e-b1d3-0e6f9a2c4b81"));
        BedrockProvider provider = signing();
        PassThrough pass = provider.passThrough("bedrock");
        UpstreamRequest request = pass.request(utf8(BODY), codec.peek(utf8(BODY), "pub"), UPSTREAM_MODEL, attempt);
        Calls.passThrough(provider, pass, request, "pub", attempt);
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.getTarget()).isEqualTo("/model/amazon.nova-lite-v1%3A0/converse");
        assertThat(sent.getBody().toByteArray()).isEqualTo(utf8(BODY));
        assertThat(sent.getHeaders().get("accept")).isEqualTo("application/json");
        assertThat(sent.getHeaders().get("traceparent")).isEqualTo(BedrockChatRequestTest.TRACEPARENT);
        BedrockProviderContractTest.assertSignedWithSigV4(sent);
    }

    @Test
    void theHeadersAreTheOnesATranslatedCallSends() throws Exception {
        BedrockProvider provider = provider("\"api_key\":\"ABSKkey\"");
        UpstreamRequest passed = provider.passThrough("bedrock").request(utf8(BODY), codec.peek(utf8(BODY), "pub"),
                UPSTREAM_MODEL, attempt);
        UpstreamRequest translated = provider.chatRequest(codec.decodeRequest(utf8(BODY), "pub")
                .withModel(UPSTREAM_MODEL), attempt);
        assertThat(passed.headers()).containsExactlyEntriesOf(translated.headers());
        assertThat(passed.endpoint()).isEqualTo(translated.endpoint());
        assertThat(passed.path()).isEqualTo(translated.path());
        assertThat(passed.stream()).isFalse();
        List<String> signedNames = new ArrayList<>(signing().passThrough("bedrock").request(utf8(BODY),
                codec.peek(utf8(BODY), "pub"), UPSTREAM_MODEL, attempt).headers().keySet());
        assertThat(signedNames).containsExactlyElementsOf(signing().chatRequest(codec.decodeRequest(utf8(BODY), "pub")
                .withModel(UPSTREAM_MODEL), attempt).headers().keySet());
    }

    @Test
    void theAnswerPassesAsTheSameBytesWithItsRequestIdUsageAndStopReason() throws Exception {
        upstream.enqueue(answer(ANSWER, "5d8e2f10-7c4b-4a9e-b1d3-0e6f9a2c4b81"));
        BedrockProvider provider = signing();
        PassThrough pass = provider.passThrough("bedrock");
        PassedAnswer a = Calls.passThrough(provider, pass, pass.request(utf8(BODY), codec.peek(utf8(BODY), "pub"),
                UPSTREAM_MODEL, attempt), "pub", attempt);
        assertThat(a.body()).isEqualTo(utf8(ANSWER));
        assertThat(a.contentType()).isEqualTo("application/json");
        assertThat(a.id()).isEqualTo("5d8e2f10-7c4b-4a9e-b1d3-0e6f9a2c4b81");
        assertThat(a.headers()).containsExactly(Map.entry("x-amzn-RequestId", a.id()));
        assertThat(a.headers()).isEqualTo(codec.encodeResponse(codec.decodeResponse(utf8(ANSWER), a.id(), "pub",
                "br"), "pub").headers());
        assertThat(a.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(a.usage()).as("input counts the cache's tokens").isEqualTo(new Usage(29, 8, 5, 3, 0))
                .isEqualTo(UsageJson.decode(Json.parse(ANSWER).get("usage")));
    }

    @Test
    void anAnswerWithoutARequestIdGetsARandomOne() throws Exception {
        PassedAnswer a = signing().passThrough("bedrock").answer(response(ANSWER, Map.of()), "pub");
        assertThat(a.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(a.headers()).containsExactly(Map.entry("x-amzn-RequestId", a.id()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"end_turn", "tool_use", "max_tokens", "stop_sequence", "guardrail_intervened",
            "content_filtered", "model_context_window_exceeded", "something_new"})
    void theStopReasonIsMappedAsTheDecoderMapsIt(String reason) throws Exception {
        String answer = "{\"output\":{\"message\":{\"content\":[]}},\"stopReason\":\"" + reason + "\"}";
        assertThat(signing().passThrough("bedrock").answer(response(answer, Map.of()), "pub").stopReason())
                .isEqualTo(StopReasons.fromWire(reason));
    }

    @Test
    void anAnswerThatIsNotAConverseAnswerIsAnUpstreamError() throws Exception {
        PassThrough pass = signing().passThrough("bedrock");
        for (String bad : List.of("{\"stopReason\":\"end_turn\"}", "{\"output\":{}}", "{\"output\":[]}",
                "{\"output\":{\"message\":{\"content\":{}}}}", "{\"content\":[]}", "not json", "[]", "",
                "{\"output\":{\"message\":{\"content\":[]}}} {}", "{\"output\":{\"message\":{\"content\":[]}}")) {
            assertThatThrownBy(() -> pass.answer(response(bad, Map.of()), "pub")).as(bad)
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
                        assertThat(e.error().provider()).isEqualTo("br");
                    });
        }
    }

    @Test
    void anAnswerReadWithItsTextsHasTheTextsTheCodecReadsAndTheSameRest() throws Exception {
        PassThrough pass = signing().passThrough("bedrock");
        Map<String, String> id = Map.of("x-amzn-RequestId", "req-1");
        List<String> answers = new ArrayList<>(new BedrockWireTextsTest().answers());
        answers.add(ANSWER);
        for (String answer : answers) {
            PassedAnswer plain = pass.answer(response(answer, id), "pub");
            PassedAnswer read = pass.answer(response(answer, id), "pub", true);
            assertThat(read.texts()).as(answer).isNotNull().isEqualTo(codec.answerTexts(utf8(answer)));
            assertThat(read.body()).isEqualTo(plain.body());
            assertThat(List.of(read.usage(), read.stopReason(), read.id(), read.headers()))
                    .isEqualTo(List.of(plain.usage(), plain.stopReason(), plain.id(), plain.headers()));
            assertThat(plain.texts()).isNull();
        }
    }

    @Test
    void anAnswerWhoseTextsCannotBeReadOnTheWireIsReadWithoutThem() throws Exception {
        PassThrough pass = signing().passThrough("bedrock");
        for (String answer : new BedrockWireTextsTest().unreadableAnswers()) {
            PassedAnswer read = pass.answer(response(answer, Map.of()), "pub", true);
            assertThat(read.texts()).as(answer).isNull();
            assertThat(read.body()).isEqualTo(utf8(answer));
        }
    }

    @Test
    void onlyBedrockCallersPassThrough() throws Exception {
        BedrockProvider provider = signing();
        assertThat(provider.passThrough("bedrock")).isNotNull();
        for (String other : Arrays.asList("openai", "anthropic", null)) {
            assertThat(provider.passThrough(other)).as(other).isNull();
        }
    }

    private static Transcript answer(String body, String requestId) {
        return new Transcript(200, List.of(new String[] {"Content-Type", "application/json"},
                new String[] {"x-amzn-RequestId", requestId}), utf8(body));
    }

    private static BufferedResponse response(String body, Map<String, String> headers) {
        Map<String, List<String>> all = new HashMap<>();
        all.put("content-type", List.of("application/json"));
        headers.forEach((k, v) -> all.put(k, List.of(v)));
        return new BufferedResponse(200, HttpHeaders.of(all, (a, b) -> true), utf8(body));
    }
}
