package dev.sluice.guardrails.content;

/**
 * Bedrock's four levels, used both for a filter's strength and for a finding's confidence. Bedrock documents that a
 * filter of strength LOW blocks findings of HIGH confidence, MEDIUM blocks MEDIUM and HIGH, HIGH blocks LOW, MEDIUM
 * and HIGH, and NONE blocks nothing; {@link #blocks} is that table.
 */
public enum Strength {
    NONE,
    LOW,
    MEDIUM,
    HIGH;

    /** Whether a filter of this strength acts on a finding of {@code confidence}. */
    public boolean blocks(Strength confidence) {
        return this != NONE && confidence != NONE && confidence.ordinal() >= HIGH.ordinal() - ordinal() + 1;
    }
}
