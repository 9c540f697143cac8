package dev.sluice.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.chat.StopReason;
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
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenAI callers to an OpenAI upstream: bytes pass as they are but for the model's name, both ways. */
class OpenAiPassThroughTest extends BodyModelPeekContract {

    private final OpenAiChatCodec codec = new OpenAiChatCodec();

    @Override
    protected OpenAiChatCodec codec() {
        return codec;
    }

    @Override
    protected String limitField() {
        return "max_tokens";
    }

    private static OpenAiProvider provider(String profile) {
        var settings = Json.object().put("api_key", "sk-up").put("base_url", "http://127.0.0.1:9/v1")
                .put("profile", profile);
        return (OpenAiProvider) new OpenAiProviderFactory().create(new ProviderSpec("oai", "openai", settings,
                "t.yaml: providers[0]"), new dev.sluice.testkit.TestProviderContext());
    }

    @Test
    void theUpstreamRequestIsTheCallersBodyWithOnlyTheModelRenamed() {
        String body = "{\"model\":\"pub\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"logit_bias\":{\"5\":1},"
                + "\"x_vendor_field\":[1,2]}";
        PassThrough pass = provider("openai").passThrough("openai");
        UpstreamRequest r = pass.request(utf8(body), codec.peek(utf8(body), null), "gpt-4o-mini",
                new TestAttempt(new Deployment("pub", "oai", "gpt-4o-mini", Json.object(), null),
                        Map.of("traceparent", "00-abc-def-01")));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(body.replace("\"pub\"", "\"gpt-4o-mini\""));
        assertThat(r.path()).isEqualTo("/v1/chat/completions");
        assertThat(r.headers()).containsEntry("authorization", "Bearer sk-up").containsEntry("traceparent",
                "00-abc-def-01");
        assertThat(r.stream()).isFalse();
    }

    @Test
    void theAnswerKeepsEveryUpstreamFieldAndOnlyTheModelIsRenamed() {
        String answer = "{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion\",\"created\":1,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Paris.\",\"refusal\":null},\"logprobs\":null,"
                + "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":21,\"completion_tokens\":8,"
                + "\"total_tokens\":29,\"prompt_tokens_details\":{\"cached_tokens\":4},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":2}},\"service_tier\":\"default\"}";
        PassedAnswer a = provider("openai").passThrough("openai").answer(response(answer), "pub");
        assertThat(new String(a.body(), StandardCharsets.UTF_8))
                .isEqualTo(answer.replace("\"gpt-4o-mini-2024-07-18\"", "\"pub\""));
        assertThat(a.id()).isEqualTo("chatcmpl-9");
        assertThat(a.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(a.usage().inputTokens()).isEqualTo(21);
        assertThat(a.usage().outputTokens()).isEqualTo(8);
        assertThat(a.usage().cacheReadTokens()).isEqualTo(4);
        assertThat(a.usage().reasoningTokens()).isEqualTo(2);
    }

    @Test
    void anAnswerThatIsNotACompletionIsAnUpstreamError() {
        for (String bad : List.of("{\"id\":\"x\"}", "not json", "[]")) {
            assertThatThrownBy(() -> provider("openai").passThrough("openai").answer(response(bad), "pub")).as(bad)
                    .isInstanceOfSatisfying(GatewayException.class,
                            e -> assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR));
        }
    }

    @Test
    void anAnswerReadWithItsTextsHasTheTextsTheCodecReadsAndTheSameRest() {
        PassThrough pass = provider("openai").passThrough("openai");
        List<String> answers = new java.util.ArrayList<>(new OpenAiWireTextsTest().answers());
        answers.add("{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"first\"},\"finish_reason\":\"length\"},{\"index\":1,\"message\":{\"role\":"
                + "\"assistant\",\"content\":null,\"refusal\":\"no\"},\"finish_reason\":\"stop\"}]}");
        for (String answer : answers) {
            PassedAnswer plain = pass.answer(response(answer), "pub");
            PassedAnswer read = pass.answer(response(answer), "pub", true);
            assertThat(read.texts()).as(answer).isNotNull().isEqualTo(codec.answerTexts(utf8(answer)));
            assertThat(read.body()).isEqualTo(plain.body());
            assertThat(List.of(read.usage(), read.stopReason(), read.id()))
                    .isEqualTo(List.of(plain.usage(), plain.stopReason(), plain.id()));
            assertThat(plain.texts()).isNull();
        }
        assertThat(pass.answer(response(answers.get(2)), "pub", true).stopReason()).isEqualTo(StopReason.REFUSAL);
    }

    @Test
    void anAnswerWhoseTextsCannotBeReadOnTheWireIsReadWithoutThem() {
        PassThrough pass = provider("openai").passThrough("openai");
        for (String answer : new OpenAiWireTextsTest().unreadableAnswers()) {
            PassedAnswer read = pass.answer(response(answer), "pub", true);
            assertThat(read.texts()).as(answer).isNull();
            assertThat(read.body()).isEqualTo(pass.answer(response(answer), "pub").body());
        }
    }

    @Test
    void onlyOpenAiCallersToProfilesThatTakeTheBodyAsItIsPassThrough() {
        assertThat(provider("openai").passThrough("openai")).isNotNull();
        assertThat(provider("vllm").passThrough("openai")).isNotNull();
        assertThat(provider("openai").passThrough("anthropic")).isNull();
        assertThat(provider("ollama").passThrough("openai")).isNull();
        assertThat(provider("generic").passThrough("openai")).isNull();
    }

    private static BufferedResponse response(String body) {
        return new BufferedResponse(200, HttpHeaders.of(Map.of("content-type", List.of("application/json")),
                (a, b) -> true), utf8(body));
    }
}
