package dev.sluice.guardrails.definition;

import dev.sluice.guardrails.topics.TopicClassifier;
import dev.sluice.spi.ConfigBinder;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code topicPolicyConfig}: denied topics (at most 30, names unique ignoring case) and, a Sluice addition that
 * Bedrock does not have, the cosine-similarity {@code threshold} in (0, 1) from which a topic is detected (default
 * {@value TopicClassifier#DEFAULT_THRESHOLD}, measured on the topic corpus).
 */
public record TopicPolicyConfig(List<TopicConfig> topicsConfig, Double threshold) {

    public TopicPolicyConfig {
        Fields.noNulls(topicsConfig, "topics_config");
        Fields.size(topicsConfig, 30, "topics_config");
        topicsConfig = topicsConfig == null ? List.of() : List.copyOf(topicsConfig);
        if (topicsConfig.isEmpty()) {
            throw new ConfigBinder.Invalid("topics_config", "give at least one topic");
        }
        if (threshold != null && !(threshold > 0 && threshold < 1)) {
            throw new ConfigBinder.Invalid("threshold", "must be between 0 and 1 (exclusive), not " + threshold);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < topicsConfig.size(); i++) {
            if (!seen.add(topicsConfig.get(i).name().toLowerCase(Locale.ROOT))) {
                throw new ConfigBinder.Invalid("topics_config[" + i + "].name", "'" + topicsConfig.get(i).name()
                        + "' is listed twice");
            }
        }
    }

    /** The threshold given, or the default. */
    public double thresholdOrDefault() {
        return threshold == null ? TopicClassifier.DEFAULT_THRESHOLD : threshold;
    }
}
