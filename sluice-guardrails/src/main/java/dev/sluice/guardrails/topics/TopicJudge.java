package dev.sluice.guardrails.topics;

/**
 * A model that confirms a denied topic the embeddings detected: {@code topicPolicyConfig.judgeModel}, a Sluice
 * addition. The embeddings find what is near a topic; the judge reads the text and the topic's definition and says
 * whether the text really is about it, so that a near miss ("What is an index fund?") is not blocked as advice.
 *
 * <p>Implementations are thread-safe and may block for the judge's round trip (bounded by their own timeout): call
 * them off event loops, as checks with topics already are.
 */
@FunctionalInterface
public interface TopicJudge {

    /** No judge: every answer is "could not tell", so the embeddings' verdict stands. */
    TopicJudge NONE = (model, topic, text) -> null;

    /**
     * Whether {@code text} is about {@code topic}, as {@code model} judges it; null when the judge could not answer
     * (an error, a timeout, an answer that is neither yes nor no). Never throws.
     */
    Boolean confirms(String model, DeniedTopic topic, String text);
}
