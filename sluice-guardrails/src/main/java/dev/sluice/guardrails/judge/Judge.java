package dev.sluice.guardrails.judge;

/**
 * A model that confirms what a local classifier detected: a denied topic the embeddings found
 * ({@code topicPolicyConfig.judgeModel}) or a content filter's category ({@code contentPolicyConfig.judgeModel}),
 * both Sluice additions. The local classifiers find what is near a policy; the judge reads the text and the policy's
 * definition and says whether the text really is what the policy denies, so that a near miss ("What is an index
 * fund?", a novel's fight scene) is not blocked.
 *
 * <p>Implementations are thread-safe and may block for the judge's round trip (bounded by their own timeout): call
 * them off event loops, as the checks that use a judge are.
 */
@FunctionalInterface
public interface Judge {

    /** No judge: every answer is "could not tell", so the local verdict stands. */
    Judge NONE = (model, question, text) -> null;

    /**
     * Whether {@code text} is what {@code question} describes, as {@code model} judges it; null when the judge could
     * not answer (an error, a timeout, an answer that is neither yes nor no). Never throws.
     */
    Boolean confirms(String model, Question question, String text);
}
