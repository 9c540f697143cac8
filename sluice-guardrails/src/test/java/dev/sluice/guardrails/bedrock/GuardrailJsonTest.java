package dev.sluice.guardrails.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.json.Json;
import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.definition.GuardrailConfig;
import dev.sluice.spi.ConfigException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class GuardrailJsonTest {

    static final String VALID = """
            {"name": "support-bot", "description": "PII and words",
             "blockedInputMessaging": "Sorry, I cannot take that.", "blockedOutputsMessaging": "Sorry.",
             "sensitiveInformationPolicyConfig": {
               "piiEntitiesConfig": [{"type": "EMAIL", "action": "ANONYMIZE"},
                                     {"type": "CREDIT_DEBIT_CARD_NUMBER", "action": "BLOCK", "outputEnabled": false}],
               "regexesConfig": [{"name": "EMPLOYEE_ID", "pattern": "EMP-[0-9]{6}", "action": "ANONYMIZE"}]},
             "wordPolicyConfig": {"wordsConfig": [{"text": "project falcon"}],
                                  "managedWordListsConfig": [{"type": "PROFANITY", "outputAction": "NONE"}]}}
            """;

    static GuardrailConfig valid() throws IOException {
        return GuardrailJson.fromApi(Json.parse(VALID));
    }

    @Test
    void aBedrockBodyBindsWithItsActionsResolvedPerSide() throws IOException {
        GuardrailConfig c = valid();
        assertThat(c.name()).isEqualTo("support-bot");
        var card = c.sensitiveInformationPolicyConfig().piiEntitiesConfig().get(1).sides();
        assertThat(card.input()).isEqualTo(Action.BLOCK);
        assertThat(card.outputEnabled()).isFalse();
        var profanity = c.wordPolicyConfig().managedWordListsConfig().getFirst().sides();
        assertThat(profanity.input()).isEqualTo(Action.BLOCK);
        assertThat(profanity.output()).isEqualTo(Action.NONE);
    }

    @Test
    void theStoredFormReadsBackToTheSameDefinition() throws IOException {
        GuardrailConfig c = valid();
        var stored = GuardrailJson.toStored(c);
        assertThat(stored.has("topicPolicyConfig")).isFalse();
        assertThat(stored.path("sensitiveInformationPolicyConfig").path("piiEntitiesConfig").size()).isEqualTo(2);
        assertThat(GuardrailJson.fromStored(Json.parse(Json.text(stored)))).isEqualTo(c);
    }

    @Test
    void getGuardrailsShapeUsesTheResponseNames() throws IOException {
        var out = Json.object();
        GuardrailJson.writeDefinition(valid(), out);
        assertThat(out.path("sensitiveInformationPolicy").path("piiEntities").get(0).path("inputAction").asText())
                .isEqualTo("ANONYMIZE");
        assertThat(out.path("sensitiveInformationPolicy").path("regexes").get(0).path("pattern").asText())
                .isEqualTo("EMP-[0-9]{6}");
        assertThat(out.path("wordPolicy").path("words").get(0).path("text").asText()).isEqualTo("project falcon");
        assertThat(out.path("wordPolicy").path("managedWordLists").get(0).path("outputAction").asText())
                .isEqualTo("NONE");
    }

    @Test
    void faultsNameTheFieldInBedrocksSpelling() {
        assertField(VALID.replace("\"EMAIL\"", "\"E_MAIL\""),
                "sensitiveInformationPolicyConfig.piiEntitiesConfig[0].type", "unknown PII entity type");
        assertField(VALID.replace("EMP-[0-9]{6}", "(a)\\\\1"),
                "sensitiveInformationPolicyConfig.regexesConfig[0].pattern", "RE2");
        assertField(VALID.replace("EMP-[0-9]{6}", "(((a{50}){50}){50}){50}"),
                "sensitiveInformationPolicyConfig.regexesConfig[0].pattern", "expand");
        assertField(VALID.replace("\"action\": \"BLOCK\"", "\"action\": \"DROP\""),
                "sensitiveInformationPolicyConfig.piiEntitiesConfig[1].action", "BLOCK, ANONYMIZE or NONE");
        assertField(VALID.replace("\"outputAction\": \"NONE\"", "\"outputAction\": \"ANONYMIZE\""),
                "wordPolicyConfig.managedWordListsConfig[0].outputAction", "BLOCK or NONE");
        assertField(VALID.replace("\"support-bot\"", "\"support bot\""), "name", "letters, digits");
        assertField(VALID.replace("\"Sorry.\"", "\"" + "x".repeat(501) + "\""), "blockedOutputsMessaging", "500");
        assertField(VALID.replace("\"name\": \"support-bot\",", "\"name\": \"b\", \"contextualGroundingPolicyConfig\":"
                + " {},"), "contextualGroundingPolicyConfig.filtersConfig", "at least one filter");
        String grounding = VALID.replace("\"name\": \"support-bot\",", "\"name\": \"b\","
                + " \"contextualGroundingPolicyConfig\": {\"filtersConfig\": [{\"type\": \"GROUNDING\","
                + " \"threshold\": 1.5}]},");
        assertField(grounding, "contextualGroundingPolicyConfig.filtersConfig[0].threshold", "0 to 0.99");
        assertField(grounding.replace("GROUNDING", "TRUTH"), "contextualGroundingPolicyConfig.filtersConfig[0].type",
                "GROUNDING or RELEVANCE");
        assertField(grounding.replace("1.5}", "0.5, \"action\": \"ANONYMIZE\"}"),
                "contextualGroundingPolicyConfig.filtersConfig[0].action", "BLOCK or NONE");
        String content = VALID.replace("\"name\": \"support-bot\",", "\"name\": \"b\", \"contentPolicyConfig\":"
                + " {\"filtersConfig\": [{\"type\": \"HATE\", \"inputStrength\": \"HIGH\","
                + " \"outputStrength\": \"HUGE\"}]},");
        assertField(content, "contentPolicyConfig.filtersConfig[0].outputStrength", "NONE, LOW, MEDIUM or HIGH");
        assertField(content.replace("HATE", "PROMPT_ATTACK").replace("HUGE", "HIGH"),
                "contentPolicyConfig.filtersConfig[0].outputStrength", "input only");
        assertField(content.replace("HATE", "SPAM"), "contentPolicyConfig.filtersConfig[0].type", "unknown");
        String topic = VALID.replace("\"name\": \"support-bot\",", "\"name\": \"b\", \"topicPolicyConfig\":"
                + " {\"topicsConfig\": [{\"name\": \"stocks\", \"definition\": \"Stock tips.\","
                + " \"type\": \"DENY\"}]},");
        assertField(topic.replace("Stock tips.", " "), "topicPolicyConfig.topicsConfig[0].definition", "blank");
        assertField(topic.replace("Stock tips.", ""), "topicPolicyConfig.topicsConfig[0].definition", "1 to 1000");
        assertField(topic.replace("]},", "], \"threshold\": 1.5},"), "topicPolicyConfig.threshold", "between 0 and 1");
        assertField(topic.replace("DENY", "ALLOW"), "topicPolicyConfig.topicsConfig[0].type", "DENY");
        assertField(topic.replace("]},", "], \"tierConfig\": {\"tierName\": \"PREMIUM\"}},"),
                "topicPolicyConfig.tierConfig.tierName", "CLASSIC or STANDARD");
        assertField(topic.replace("]},", "], \"tierConfig\": {}},"), "topicPolicyConfig.tierConfig.tierName",
                "required");
        assertField(VALID.replace("\"name\": \"support-bot\",", "\"name\": \"b\", \"nmae\": 1,"), "nmae",
                "unknown field (known: automatedReasoningPolicyConfig");
        assertField(VALID.replace("\"name\": \"support-bot\",", "\"name\": \"b\", \"blocked_input_messaging\": 1,"),
                "blocked_input_messaging", "unknown field");
        assertField(VALID.replace("\"text\": \"project falcon\"", "\"text\": {\"a\": 1}"),
                "wordPolicyConfig.wordsConfig[0].text", "text value");
        assertField("[]", null, "JSON object");
    }

    @Test
    void yamlFaultsNameTheSnakeCaseKey() {
        var yaml = Json.object().put("name", "g").put("blocked_input_messaging", "no")
                .put("blocked_outputs_messaging", "no");
        yaml.putObject("sensitive_information_policy_config").putArray("pii_entities_config").addObject()
                .put("type", "EMAIL").put("action", "MASK");
        assertThatThrownBy(() -> GuardrailJson.fromConfig(yaml, "guardrails.definitions[0]"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("guardrails.definitions[0].sensitive_information_policy_config"
                        + ".pii_entities_config[0].action: must be BLOCK, ANONYMIZE or NONE");
    }

    private static void assertField(String body, String field, String problem) {
        assertThatThrownBy(() -> GuardrailJson.fromApi(Json.parse(body)))
                .isInstanceOfSatisfying(BedrockValidation.class, e -> {
                    assertThat(e.field() == null || e.field().isEmpty() ? null : e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(problem);
                });
    }
}
