package dev.sluice.guardrails.pii.internal;

import java.util.List;

/**
 * Finds candidates of one type in a text. Implementations are stateless and thread-safe, never throw on any text
 * (any length, any UTF-16, lone surrogates included), and run in time linear in its length.
 */
public interface Detector {

    /** The type of every candidate it finds: a {@code PiiType} name, or a custom regex's name. */
    String type();

    /** Appends this detector's candidates in {@code scan}'s text to {@code out}, in any order. */
    void detect(TextScan scan, List<Candidate> out);

    /**
     * What a text must hold for this detector to find anything ({@link Needs} bits, all of them): a text that lacks
     * one is not given to it ({@link TextScan#features}). Zero (the default): every text is.
     */
    default long needs() {
        return 0;
    }

    /**
     * For a detector that reads only the text's digit runs (see {@link DigitRun}): how many digits the first groups
     * of a run must hold for it to find anything there, as bits ({@link DigitRun#counts}); a text with no run whose
     * first groups hold one of these counts ({@link TextScan#runDigits}) is not given to it. {@link #ANY_DIGITS} (the
     * default): no such bound.
     */
    default long runDigits() {
        return ANY_DIGITS;
    }

    /** The {@link #runDigits} of a detector with no bound on them. */
    long ANY_DIGITS = -1L;
}
