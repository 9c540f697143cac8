package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.json.Json;
import dev.sluice.gateway.config.ConfigLoader;
import dev.sluice.gateway.config.SluiceConfig;
import dev.sluice.spi.ConfigException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config's {@code guardrails} section: a fault stops the start with the file, the line and the key's path; a
 * Sluice without storage still lists, reads and applies the file's guardrails, and says why it cannot make new ones.
 */
class GuardrailConfigTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private String fault(String yaml) throws Exception {
        Path file = dir.resolve("sluice.yaml");
        Files.writeString(file, "providers: [{id: sim, type: simulator}]\nmodels: [{name: m1, provider: sim}]\n"
                + yaml);
        SluiceConfig config = new ConfigLoader(Map.of()).load(file);
        try {
            Wiring.checkSections(config, dir.resolve("data"));
        } catch (ConfigException e) {
            return config.locate(e).getMessage();
        }
        throw new AssertionError("the config was accepted");
    }

    @Test
    void aBadGuardrailStopsTheStartNamingFileLineAndPath() throws Exception {
        String guardrail = """
                guardrails:
                  definitions:
                    - id: g1
                      name: g
                      blocked_input_messaging: no
                      blocked_outputs_messaging: no
                      sensitive_information_policy_config:
                        pii_entities_config:
                          - {type: EMAIL, action: ANONYMIZE}
                          - {type: EMAILS, action: BLOCK}
                """;
        assertThat(fault(guardrail)).startsWith("sluice.yaml:12: guardrails.definitions[0]"
                + ".sensitive_information_policy_config.pii_entities_config[1].type: unknown PII entity type"
                + " 'EMAILS'");
        assertThat(fault(guardrail.replace("{type: EMAILS, action: BLOCK}",
                "{type: PHONE, action: BLOCK}\n        regexes_config: [{name: r, pattern: '(x+)+\\1',"
                        + " action: BLOCK}]")))
                .contains("regexes_config[0].pattern").contains("RE2");
        String valid = guardrail.replace("EMAILS", "PHONE");
        assertThat(fault(valid.replace("    - id: g1\n", "    - name2: x\n      id: g1\n")))
                .startsWith("sluice.yaml:").contains("guardrails.definitions[0].name2: unknown key");
        assertThat(fault(valid.replace("id: g1", "id: G-1"))).contains("guardrails.definitions[0].id");
        assertThat(fault(valid.replace("      name: g\n",
                "      name: g\n      contextual_grounding_policy_config: {}\n")))
                .contains("contextual_grounding_policy_config.filters_config: give at least one filter");
        assertThat(fault(valid.replace("      name: g\n", "      name: g\n      contextual_grounding_policy_config:\n"
                + "        filters_config: [{type: GROUNDING, threshold: 1.2}]\n")))
                .contains("contextual_grounding_policy_config.filters_config[0].threshold: must be from 0 to 0.99");
        assertThat(fault(valid.replace("      name: g\n", "      name: g\n      content_policy_config:\n"
                + "        filters_config: [{type: HATE, input_strength: STRONG, output_strength: HIGH}]\n")))
                .contains("content_policy_config.filters_config[0].input_strength: must be NONE, LOW, MEDIUM or HIGH");
        assertThat(fault(valid.replace("      name: g\n", "      name: g\n      topic_policy_config:\n"
                + "        threshold: 0\n        topics_config: [{name: t, definition: d, type: DENY}]\n")))
                .contains("topic_policy_config.threshold: must be between 0 and 1");
        assertThat(fault(valid.replace("      name: g\n", "      name: g\n      topic_policy_config:\n"
                + "        tier_config: {tier_name: GOLD}\n        topics_config: [{name: t, definition: d, type: DENY}]\n")))
                .contains("topic_policy_config.tier_config.tier_name: must be CLASSIC or STANDARD");
        assertThat(fault("guardrails:\n  region: Mars\n")).contains("guardrails.region");
        assertThat(fault("guardrails: [1]\n")).contains("guardrails");
    }

    @Test
    void withoutStorageTheFilesGuardrailsAreServedAndNothingCanBeMade() throws Exception {
        try (RunningSluice s = new RunningSluice("storage: none\n" + GuardrailsEndToEndTest.YAML, dir)) {
            HttpResponse<String> list = send(s, "GET", "/guardrails", null);
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            assertThat(Json.parse(list.body()).path("guardrails").get(0).path("arn").asText())
                    .isEqualTo("arn:aws:bedrock:eu-west-1:123456789012:guardrail/fromfile");
            HttpResponse<String> versions = send(s, "GET", "/guardrails?guardrailIdentifier=fromfile", null);
            assertThat(versions.body()).contains("\"DRAFT\"").contains("\"2\"");
            HttpResponse<String> applied = send(s, "POST", "/guardrail/fromfile/version/DRAFT/apply",
                    "{\"source\":\"INPUT\",\"content\":[{\"text\":{\"text\":\"SSN 536-22-8726\"}}]}");
            assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
            assertThat(applied.body()).contains("GUARDRAIL_INTERVENED").contains("No secrets in prompts.");
            HttpResponse<String> create = send(s, "POST", "/guardrails", "{\"name\":\"n\","
                    + "\"blockedInputMessaging\":\"a\",\"blockedOutputsMessaging\":\"b\"}");
            assertThat(create.statusCode()).isEqualTo(400);
            assertThat(create.body()).contains("storage: none");
            assertThat(send(s, "GET", "/admin/keys", null).body()).contains("keeps no ledger");
        }
    }

    private static HttpResponse<String> send(RunningSluice s, String method, String path, String body)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + path))
                .header("authorization", "Bearer " + RunningSluice.KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
