package dev.sluice.guardrails.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ConfigBinder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A guardrail's definition: the body of Bedrock's {@code CreateGuardrail} and {@code UpdateGuardrail} without the
 * request's own fields ({@code clientRequestToken}), and one entry of the YAML {@code guardrails.definitions} without
 * its {@code id} and {@code version}. Immutable once made; every value is checked here.
 *
 * <p>The policies Sluice enforces today are {@code sensitiveInformationPolicyConfig}, {@code wordPolicyConfig},
 * {@code topicPolicyConfig}, {@code contentPolicyConfig} and
 * {@code contextualGroundingPolicyConfig}. The other Bedrock policies and settings are components
 * only so that they can be refused by name with the reason
 * ({@link #NOT_ENFORCED}): a guardrail that says it filters hate speech but does not would be worse than an error.
 *
 * @param name 1 to 50 letters, digits, {@code -} or {@code _}
 * @param blockedInputMessaging what a caller gets instead of a blocked prompt, 1 to 500 characters
 * @param blockedOutputsMessaging what a caller gets instead of a blocked answer, 1 to 500 characters
 */
public record GuardrailConfig(String name, String description, String blockedInputMessaging,
                              String blockedOutputsMessaging,
                              SensitiveInformationConfig sensitiveInformationPolicyConfig,
                              WordPolicyConfig wordPolicyConfig, TopicPolicyConfig topicPolicyConfig,
                              ContentPolicyConfig contentPolicyConfig,
                              GroundingPolicyConfig contextualGroundingPolicyConfig,
                              JsonNode automatedReasoningPolicyConfig, JsonNode crossRegionConfig, JsonNode kmsKeyId,
                              JsonNode tags) {

    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z_-]{1,50}");

    /** The Bedrock fields that Sluice refuses, by their snake_case config name, and why. */
    public static final Map<String, String> NOT_ENFORCED = notEnforced();

    public GuardrailConfig {
        if (name == null) {
            throw new ConfigBinder.Invalid("name", "is required");
        }
        if (!NAME.matcher(name).matches()) {
            throw new ConfigBinder.Invalid("name", "must be 1 to 50 letters, digits, '-' or '_', not '" + name + "'");
        }
        Fields.length(description, 200, "description");
        Fields.required(blockedInputMessaging, 500, "blocked_input_messaging");
        Fields.required(blockedOutputsMessaging, 500, "blocked_outputs_messaging");
        refuse(automatedReasoningPolicyConfig, "automated_reasoning_policy_config");
        refuse(crossRegionConfig, "cross_region_config");
        refuse(kmsKeyId, "kms_key_id");
        refuse(tags, "tags");
    }

    /** The same definition with another description (a version's own, when it is given one). */
    public GuardrailConfig withDescription(String newDescription) {
        return new GuardrailConfig(name, newDescription, blockedInputMessaging, blockedOutputsMessaging,
                sensitiveInformationPolicyConfig, wordPolicyConfig, topicPolicyConfig, contentPolicyConfig,
                contextualGroundingPolicyConfig, null, null, null, null);
    }

    private static void refuse(JsonNode value, String field) {
        if (value != null && !value.isNull()) {
            throw new ConfigBinder.Invalid(field, NOT_ENFORCED.get(field));
        }
    }

    private static Map<String, String> notEnforced() {
        Map<String, String> out = new LinkedHashMap<>();
        String later = " not enforced by Sluice yet, so a guardrail with it is refused rather than stored and ignored";
        out.put("automated_reasoning_policy_config", "automated reasoning policies are" + later);
        out.put("cross_region_config", "Sluice runs guardrails itself; there is no cross-region profile to use");
        out.put("kms_key_id", "Sluice keeps guardrails in its own database and does not encrypt them with AWS KMS");
        out.put("tags", "Sluice does not keep tags on guardrails");
        return Map.copyOf(out);
    }
}
