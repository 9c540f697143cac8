package dev.sluice.guardrails.grounding;

/**
 * An answer's two scores, each in [0, 1]: {@code grounding}, how far its statements are supported by the grounding
 * source; {@code relevance}, how far it answers the query. A filter flags the answer when its score is below the
 * filter's threshold.
 */
public record GroundingScores(double grounding, double relevance) {

    public GroundingScores {
        if (!(grounding >= 0 && grounding <= 1) || !(relevance >= 0 && relevance <= 1)) {
            throw new IllegalArgumentException("scores must be in [0, 1]: " + grounding + ", " + relevance);
        }
    }
}
