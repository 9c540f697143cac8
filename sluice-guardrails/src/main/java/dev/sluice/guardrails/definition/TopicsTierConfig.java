package dev.sluice.guardrails.definition;

import dev.sluice.guardrails.topics.TopicTier;
import dev.sluice.spi.ConfigBinder;
import java.util.Arrays;

/** {@code topicPolicyConfig.tierConfig}: Bedrock's safeguard tier for denied topics, CLASSIC or STANDARD. */
public record TopicsTierConfig(String tierName) {

    public TopicsTierConfig {
        tier(tierName);
    }

    public TopicTier tier() {
        return tier(tierName);
    }

    private static TopicTier tier(String name) {
        if (name == null) {
            throw new ConfigBinder.Invalid("tier_name", "is required (CLASSIC or STANDARD)");
        }
        return Arrays.stream(TopicTier.values()).filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigBinder.Invalid("tier_name", "must be CLASSIC or STANDARD, not '"
                        + name + "'"));
    }
}
