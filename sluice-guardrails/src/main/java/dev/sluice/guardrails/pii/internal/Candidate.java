package dev.sluice.guardrails.pii.internal;

/**
 * A span that a detector takes for a type, before context words and overlaps are weighed.
 *
 * @param type         a {@code PiiType} name or a custom regex's name
 * @param confidence   the detector's confidence from the shape alone, in [0, 1]
 * @param needsContext whether the span is reported only with a supporting context word nearby
 * @param contextGap   how far the nearest supporting context word is (see {@link ContextIndex}), or
 *                     {@link #NO_CONTEXT}
 */
public record Candidate(String type, int start, int end, double confidence, boolean needsContext, int contextGap) {

    /** The context gap of a candidate with no supporting word nearby (or not yet scored). */
    public static final int NO_CONTEXT = Integer.MAX_VALUE;

    public Candidate(String type, int start, int end, double confidence, boolean needsContext) {
        this(type, start, end, confidence, needsContext, NO_CONTEXT);
    }

    public int length() {
        return end - start;
    }

    public Candidate scored(double c, int gap) {
        return new Candidate(type, start, end, c, needsContext, gap);
    }

    public boolean overlaps(Candidate other) {
        return start < other.end && other.start < end;
    }
}
