package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import dev.sluice.testkit.Eventually;
import dev.sluice.testkit.FakeUpstream;
import dev.sluice.testkit.Transcript;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guarded call for a whole answer keeps the provider's fast path, on a real socket in front of a fake upstream of
 * the caller's own format (OpenAI, Anthropic, Converse): a prompt the guardrail lets through reaches the upstream as
 * the caller's bytes with only the model renamed (spaces and {@code 0.50} included, which a translated request would
 * not keep), a masked one as those bytes with only the masked texts changed, and an answer the guardrail lets through
 * reaches the caller as the upstream's bytes (a field only the upstream wrote included), while an answer it masks or
 * blocks is rewritten as a translated one is. A request with a field the gateway does not read is translated, as
 * before, so that the field does not reach the upstream unchecked. The guardrail masks e-mail
 * addresses both ways and blocks answers that say {@code kaboom}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuardedFastPathEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BLOCKED_OUTPUT = "Sorry, I cannot say that.";

    private FakeUpstream fake;
    private RunningSluice sluice;

    @BeforeAll
    void start(@TempDir Path dir) {
        fake = new FakeUpstream();
        sluice = new RunningSluice("""
                providers:
                  - {id: oa, type: openai, base_url: '%1$s/v1', api_key: sk-up}
                  - {id: an, type: anthropic, base_url: '%1$s', api_key: sk-ant}
                  - {id: br, type: bedrock, base_url: '%1$s', region: us-east-1, access_key_id: AKIDEXAMPLE, \
                secret_access_key: wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY}
                models:
                  - {name: g-openai, provider: oa, upstream_model: gpt-4o-mini, guardrail: {id: pii, version: 1}}
                  - {name: g-anthropic, provider: an, upstream_model: claude-x, guardrail: {id: pii, version: 1}}
                  - {name: g-bedrock, provider: br, upstream_model: 'amazon.nova-lite-v1:0', \
                guardrail: {id: pii, version: 1}}
                guardrails:
                  definitions:
                    - id: pii
                      name: pii
                      blocked_input_messaging: Blocked.
                      blocked_outputs_messaging: "%2$s"
                      sensitive_information_policy_config:
                        pii_entities_config: [{type: EMAIL, action: ANONYMIZE}]
                      word_policy_config:
                        words_config: [{text: kaboom, input_action: NONE, output_action: BLOCK}]
                """.formatted(fake.baseUri(), BLOCKED_OUTPUT), dir);
    }

    @AfterAll
    void stop() {
        if (sluice != null) {
            sluice.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private static final String OPENAI_ANSWER = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\","
            + "\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"%s\",\"refusal\":null},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,"
            + "\"completion_tokens\":3,\"total_tokens\":8},\"sluice_probe\":\"from the upstream\"}";

    @Test
    void aGuardedOpenAiCallTheGuardrailLetsThroughTravelsAsTheBytesThemselves() throws Exception {
        String asked = "{ \"model\": \"g-openai\", \"messages\": [{\"role\":\"system\",\"content\":\"Be terse.\"},"
                + "{\"role\":\"user\",\"content\":\"What is the capital of France?\"}], \"temperature\": 0.50 }";
        String answer = OPENAI_ANSWER.formatted("Paris.");
        fake.enqueue(json(answer, Map.of()));

        HttpResponse<String> got = post("/v1/chat/completions", asked);

        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(sentBody()).as("the caller's bytes, the model renamed")
                .isEqualTo(asked.replace("\"g-openai\"", "\"gpt-4o-mini\""));
        assertThat(got.body()).as("the upstream's bytes, the model renamed")
                .isEqualTo(answer.replace("\"gpt-4o-mini\"", "\"g-openai\""));
    }

    @Test
    void aMaskedOpenAiPromptReachesTheUpstreamAsTheCallersBytesWithOnlyTheAddressMasked() throws Exception {
        String asked = "{\"model\":\"g-openai\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Write to ann@example.com today\"}], \"temperature\": 0.50}";
        fake.enqueue(json(OPENAI_ANSWER.formatted("Done."), Map.of()));

        HttpResponse<String> got = post("/v1/chat/completions", asked);

        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(sentBody()).isEqualTo(asked.replace("\"g-openai\"", "\"gpt-4o-mini\"")
                .replace("ann@example.com", "{EMAIL}"));
        assertThat(got.body()).as("the answer still passed").contains("sluice_probe");
        JsonNode row = ledgerRow(got.headers().firstValue("x-request-id").orElseThrow());
        assertThat(row.path("guardrail_id").asText()).isEqualTo("pii");
        assertThat(row.path("guardrail_action").asText()).isEqualTo("anonymized");
        JsonNode finding = row.path("guardrail_findings").path(0);
        assertThat(finding.path("source").asText()).isEqualTo("input");
        assertThat(finding.path("type").asText()).isEqualTo("EMAIL");
        assertThat(row.toString()).as("the matched text is never stored").doesNotContain("ann@example.com");
    }

    @Test
    void aGuardedRequestWithAFieldTheGatewayDoesNotReadIsDecodedSoThatNothingUncheckedGoesUpstream() throws Exception {
        String asked = "{\"model\":\"g-openai\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                + "\"prediction\":{\"type\":\"content\",\"content\":\"Mail ann@example.com\"}}";
        fake.enqueue(json(OPENAI_ANSWER.formatted("Hello."), Map.of()));

        HttpResponse<String> got = post("/v1/chat/completions", asked);

        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(sentBody()).doesNotContain("prediction").doesNotContain("ann@example.com");
        assertThat(got.body()).as("translated, not passed").doesNotContain("sluice_probe");
    }

    @Test
    void aPassedAnswerTheGuardrailMasksOrBlocksIsRewrittenAsATranslatedOneIs() throws Exception {
        String asked = "{\"model\":\"g-openai\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        fake.enqueue(json(OPENAI_ANSWER.formatted("Mail bob@example.org"), Map.of()))
                .enqueue(json(OPENAI_ANSWER.formatted("kaboom"), Map.of()));

        HttpResponse<String> masked = post("/v1/chat/completions", asked);
        HttpResponse<String> blocked = post("/v1/chat/completions", asked);

        assertThat(masked.body()).contains("\"content\":\"Mail {EMAIL}\"").doesNotContain("sluice_probe")
                .contains("\"model\":\"g-openai\"");
        assertThat(blocked.body()).contains("\"content\":\"" + BLOCKED_OUTPUT + "\"")
                .contains("\"finish_reason\":\"content_filter\"").doesNotContain("kaboom");
        fake.takeRequest();
        fake.takeRequest();
    }

    @Test
    void aGuardedAnthropicCallKeepsTheFastPathAndGetsItsPromptMaskedInPlace() throws Exception {
        String answer = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"Paris.\"}],\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":2},"
                + "\"sluice_probe\":\"from the upstream\"}";
        String asked = "{\"model\":\"g-anthropic\",\"max_tokens\":64,\"system\":\"Be terse.\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Mail ann@example.com\"}]}],"
                + "\"temperature\": 0.50}";
        fake.enqueue(json(answer, Map.of()));

        HttpResponse<String> got = post("/v1/messages", asked);

        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(sentBody()).isEqualTo(asked.replace("\"g-anthropic\"", "\"claude-x\"")
                .replace("ann@example.com", "{EMAIL}"));
        assertThat(got.body()).isEqualTo(answer.replace("\"claude-x\"", "\"g-anthropic\""));
    }

    @Test
    void aGuardedConverseCallKeepsTheFastPathAndGetsItsPromptMaskedInPlace() throws Exception {
        String answer = "{\"metrics\":{\"latencyMs\":987654},\"output\":{\"message\":{\"content\":[{\"text\":"
                + "\"Paris.\"}],\"role\":\"assistant\"}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":5,"
                + "\"outputTokens\":2,\"totalTokens\":7}}";
        String asked = "{\"system\":[{\"text\":\"Be terse.\"}],\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"text\":\"Mail ann@example.com\"}]}], \"inferenceConfig\": {\"temperature\": 0.50}}";
        String clean = asked.replace("Mail ann@example.com", "What is the capital of France?");
        fake.enqueue(json(answer, Map.of("x-amzn-RequestId", "r-1")))
                .enqueue(json(answer, Map.of("x-amzn-RequestId", "r-2")));

        HttpResponse<String> passed = post("/model/g-bedrock/converse", clean);
        String sentClean = sentBody();
        HttpResponse<String> masked = post("/model/g-bedrock/converse", asked);

        assertThat(passed.statusCode()).isEqualTo(200);
        assertThat(sentClean).isEqualTo(clean);
        assertThat(passed.body()).as("the upstream's own metrics: the answer passed").isEqualTo(answer);
        assertThat(masked.statusCode()).isEqualTo(200);
        assertThat(sentBody()).isEqualTo(asked.replace("ann@example.com", "{EMAIL}"));
    }

    /** The call's ledger row from the admin API, once the ledger's writer has stored it (up to 20 s). */
    private JsonNode ledgerRow(String requestId) {
        JsonNode[] row = {null};
        Eventually.await(Duration.ofSeconds(20), "the ledger row of " + requestId, () -> {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl()
                        + "/admin/requests/" + requestId)).header("authorization", "Bearer " + RunningSluice.KEY)
                        .build(), HttpResponse.BodyHandlers.ofString());
                row[0] = r.statusCode() == 200 ? Json.parse(r.body()) : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return row[0] != null;
        });
        return row[0];
    }

    private String sentBody() {
        return fake.takeRequest().getBody().string(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + path))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Transcript json(String body, Map<String, String> headers) {
        List<String[]> all = new ArrayList<>();
        all.add(new String[] {"content-type", "application/json"});
        headers.forEach((k, v) -> all.add(new String[] {k, v}));
        return new Transcript(200, all, body.getBytes(StandardCharsets.UTF_8));
    }
}
