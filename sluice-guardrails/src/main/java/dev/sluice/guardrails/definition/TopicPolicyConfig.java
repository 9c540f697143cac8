package dev.sluice.guardrails.definition;

import dev.sluice.guardrails.topics.TopicTier;
import dev.sluice.spi.ConfigBinder;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code topicPolicyConfig}: denied topics (at most 30, names unique ignoring case), Bedrock's {@code tierConfig}
 * (CLASSIC by default, as in Bedrock) and, a Sluice addition that Bedrock does not have, the cosine-similarity
 * {@code threshold} in (0, 1) from which a topic is detected (by default the tier's, measured on the topic corpus:
 * the tiers' similarities are on different scales) and {@code judgeModel}: a gateway model (or route) that confirms
 * each topic the embeddings detect ({@link dev.sluice.guardrails.judge.Judge}).
 */
public record TopicPolicyConfig(List<TopicConfig> topicsConfig, Double threshold, TopicsTierConfig tierConfig,
                                String judgeModel) {

    public TopicPolicyConfig {
        Fields.noNulls(topicsConfig, "topics_config");
        Fields.size(topicsConfig, 30, "topics_config");
        topicsConfig = topicsConfig == null ? List.of() : List.copyOf(topicsConfig);
        if (topicsConfig.isEmpty()) {
            throw new ConfigBinder.Invalid("topics_config", "give at least one topic");
        }
        Fields.judgeModel(judgeModel);
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

    /** The tier given, or CLASSIC (Bedrock's default). */
    public TopicTier tier() {
        return tierConfig == null ? TopicTier.CLASSIC : tierConfig.tier();
    }

    /** The threshold given, or the tier's default. */
    public double thresholdOrDefault() {
        return threshold == null ? tier().defaultThreshold() : threshold;
    }
}
