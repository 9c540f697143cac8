package dev.sluice.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.spi.http.BufferedResponse;
import dev.sluice.spi.http.PassThrough;
import dev.sluice.spi.http.PassedAnswer;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.testkit.BodyModelPeekContract;
import dev.sluice.testkit.TestAttempt;
import dev.sluice.testkit.TestProviderContext;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Anthropic callers to an Anthropic upstream: bytes pass as they are but for the model's name, both ways. */
class AnthropicPassThroughTest extends BodyModelPeekContract {

    private static final String ANSWER = "{\"id\":\"msg_01XF\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"h\\u00e9\","
            + "\"signature\":\"sig\"},{\"type\":\"text\",\"text\":\"Paris \u00e9.\",\"citations\":null}],"
            + "\"stop_reason\":\"max_tokens\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":21,"
            + "\"cache_creation_input_tokens\":3,\"cache_read_input_tokens\":5,\"cache_creation\":"
            + "{\"ephemeral_5m_input_tokens\":3},\"output_tokens\":8,\"service_tier\":\"standard\"},"
            + "\"container\":null}";

    private final AnthropicCodec codec = new AnthropicCodec();
    private final TestAttempt attempt = new TestAttempt(new Deployment("pub", "ant", "claude-sonnet-4-5",
            Json.object(), null), Map.of("traceparent", "00-abc-def-01"));

    private static AnthropicProvider provider() {
        var settings = Json.object().put("api_key", "sk-ant").put("base_url", "http://127.0.0.1:9/proxy")
                .put("anthropic_beta", "prompt-caching-2024-07-31");
        return (AnthropicProvider) new AnthropicProviderFactory().create(new ProviderSpec("ant", "anthropic",
                settings, "t.yaml: providers[0]"), new TestProviderContext());
    }

    @Override
    protected AnthropicCodec codec() {
        return codec;
    }

    @Override
    protected String limitField() {
        return "max_tokens";
    }

    private static PassThrough pass() {
        return provider().passThrough("anthropic");
    }

    @Test
    void theUpstreamRequestIsTheCallersBodyWithOnlyTheModelRenamedAndTheUsualHeaders() {
        String body = "{\"model\":\"pub\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},\"x_vendor_field\":[1,2]}";
        AnthropicProvider provider = provider();
        UpstreamRequest r = provider.passThrough("anthropic").request(utf8(body), codec.peek(utf8(body), null),
                "claude-sonnet-4-5", attempt);
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(body.replace("\"pub\"", "\"claude-sonnet-4-5\""));
        UpstreamRequest translated = provider.chatRequest(codec.decodeRequest(utf8(body), null)
                .withModel("claude-sonnet-4-5"), attempt);
        assertThat(r.headers()).containsExactlyEntriesOf(translated.headers());
        assertThat(r.headers()).containsEntry("x-api-key", "sk-ant").containsEntry("traceparent", "00-abc-def-01")
                .containsEntry("accept", "application/json");
        assertThat(r.endpoint()).isEqualTo(translated.endpoint());
        assertThat(r.path()).isEqualTo("/proxy/v1/messages").isEqualTo(translated.path());
        assertThat(r.stream()).isFalse();
    }

    @Test
    void aBodyAlreadyNamingTheUpstreamModelGoesUpAsTheSameBytes() {
        byte[] body = utf8("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1,\"messages\":[]}");
        assertThat(pass().request(body, codec.peek(body, null), "claude-sonnet-4-5", attempt).body()).isSameAs(body);
    }

    @Test
    void theAnswerKeepsEveryUpstreamFieldAndOnlyTheModelIsRenamed() throws Exception {
        PassedAnswer a = pass().answer(response(ANSWER), "pub");
        assertThat(new String(a.body(), StandardCharsets.UTF_8))
                .isEqualTo(ANSWER.replace("\"claude-sonnet-4-5-20250929\"", "\"pub\""));
        assertThat(a.contentType()).isEqualTo("application/json");
        assertThat(a.headers()).isEmpty();
        assertThat(a.id()).isEqualTo("msg_01XF");
        assertThat(a.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(a.usage()).as("input counts the cache's tokens").isEqualTo(new Usage(29, 8, 5, 3, 0))
                .isEqualTo(UsageJson.read(Json.parse(ANSWER).get("usage")));
    }

    @Test
    void thePassedAnswerNamesTheModelAsTheTranslatedOneDoes() throws Exception {
        JsonNode passed = Json.parse(pass().answer(response(ANSWER), "pub").body());
        JsonNode translated = Json.parse(codec.encodeResponse(codec.decodeResponse(utf8(ANSWER), "ant"), "pub")
                .body());
        assertThat(passed.get("model")).isEqualTo(translated.get("model"));
        assertThat(passed.get("id")).isEqualTo(translated.get("id"));
        assertThat(passed.get("usage").get("input_tokens")).isEqualTo(translated.get("usage").get("input_tokens"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"end_turn", "max_tokens", "model_context_window_exceeded", "stop_sequence", "tool_use",
            "refusal", "pause_turn", "something_new"})
    void theStopReasonIsMappedAsTheDecoderMapsIt(String reason) {
        String answer = "{\"id\":\"m\",\"model\":\"x\",\"content\":[],\"stop_reason\":\"" + reason + "\"}";
        assertThat(pass().answer(response(answer), "pub").stopReason()).isEqualTo(StopReasons.fromWire(reason));
    }

    @Test
    void anAnswerWithoutModelIdOrUsageStillPasses() {
        String answer = "{\"content\":[{\"type\":\"text\",\"text\":\"x\"}],\"stop_reason\":null}";
        PassedAnswer a = pass().answer(response(answer), "pub");
        assertThat(a.body()).isEqualTo(utf8(answer));
        assertThat(a.id()).isEmpty();
        assertThat(a.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(a.usage().totalTokens()).isZero();
    }

    @Test
    void anAnswerThatIsNotAMessageIsAnUpstreamError() {
        for (String bad : List.of("{\"id\":\"x\",\"model\":\"y\"}", "{\"content\":{}}", "not json", "[]", "",
                "{\"content\":[]} {}", "{\"content\":[],\"usage\":{")) {
            assertThatThrownBy(() -> pass().answer(response(bad), "pub")).as(bad)
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
                        assertThat(e.error().provider()).isEqualTo("ant");
                    });
        }
    }

    @Test
    void onlyAnthropicCallersPassThrough() {
        AnthropicProvider provider = provider();
        assertThat(provider.passThrough("anthropic")).isNotNull();
        for (String other : Arrays.asList("openai", "bedrock", null)) {
            assertThat(provider.passThrough(other)).as(other).isNull();
        }
    }

    @Test
    void anAnswerReadWithItsTextsHasTheTextsTheCodecReadsAndTheSameRest() {
        List<String> answers = new java.util.ArrayList<>(new AnthropicWireTextsTest().answers());
        answers.add(ANSWER);
        for (String answer : answers) {
            PassedAnswer plain = pass().answer(response(answer), "pub");
            PassedAnswer read = pass().answer(response(answer), "pub", true);
            assertThat(read.texts()).as(answer).isNotNull().isEqualTo(codec.answerTexts(utf8(answer)));
            assertThat(read.body()).isEqualTo(plain.body());
            assertThat(List.of(read.usage(), read.stopReason(), read.id()))
                    .isEqualTo(List.of(plain.usage(), plain.stopReason(), plain.id()));
            assertThat(plain.texts()).isNull();
        }
    }

    @Test
    void anAnswerWhoseTextsCannotBeReadOnTheWireIsReadWithoutThem() {
        for (String answer : new AnthropicWireTextsTest().unreadableAnswers()) {
            PassedAnswer read = pass().answer(response(answer), "pub", true);
            assertThat(read.texts()).as(answer).isNull();
            assertThat(read.body()).isEqualTo(pass().answer(response(answer), "pub").body());
        }
    }

    private static BufferedResponse response(String body) {
        return new BufferedResponse(200, HttpHeaders.of(Map.of("content-type", List.of("application/json")),
                (a, b) -> true), utf8(body));
    }
}
