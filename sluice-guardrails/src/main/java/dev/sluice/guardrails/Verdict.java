package dev.sluice.guardrails;

/**
 * The outcome of checking one text against a policy: {@code BLOCKED} when any finding's action is {@code BLOCK},
 * else {@code ANONYMIZED} when any is {@code ANONYMIZE}, else {@code NONE} (nothing found, or found and only
 * reported).
 */
public enum Verdict {
    NONE,
    ANONYMIZED,
    BLOCKED;

    /** The stronger of the two: {@code BLOCKED} over {@code ANONYMIZED} over {@code NONE}. */
    public Verdict and(Verdict other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** The verdict that one finding with this action alone would give. */
    public static Verdict of(Action action) {
        return switch (action) {
            case BLOCK -> BLOCKED;
            case ANONYMIZE -> ANONYMIZED;
            case NONE -> NONE;
        };
    }
}
