package dev.sluice.guardrails.topics;

/**
 * How denied topics are detected: Bedrock's safeguard tiers ({@code topicPolicyConfig.tierConfig.tierName}), mapped
 * to what Sluice runs locally. Both measure similarity to a topic's definition and examples; they differ in what
 * computes it and so in cost and in the scale of their threshold.
 */
public enum TopicTier {

    /**
     * MiniLM's static word-piece vectors alone ({@link StaticEmbeddings}): a table look-up per word piece, about
     * 0.3 ms for 4 KB of new text, no model run. Bedrock's default tier, and Sluice's.
     */
    CLASSIC(TopicClassifier.CLASSIC_THRESHOLD),

    /**
     * The static vectors screen, MiniLM confirms the windows they pass: milliseconds per confirmed window, so
     * hundreds of milliseconds for some 4 KB texts; more robust to wording the table does not know.
     */
    STANDARD(TopicClassifier.DEFAULT_THRESHOLD);

    private final double defaultThreshold;

    TopicTier(double defaultThreshold) {
        this.defaultThreshold = defaultThreshold;
    }

    /** The similarity from which a topic counts as detected when the policy gives none (chosen on the topic corpus). */
    public double defaultThreshold() {
        return defaultThreshold;
    }
}
