package dev.sluice.guardrails.corpus;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * How the corpus writes one type: valid values, look-alike values (fail a checksum, a range or a format rule), the
 * sentences they go in ({@code {}} marks the value; these carry the type's context words where it needs them), and
 * for types whose shape alone says little, neutral sentences where a value of that shape is not that type.
 */
record Spec(PiiType type, Function<Random, String> valid, Function<Random, String> lookAlike, List<String> sentences,
            List<String> neutral, Function<Random, String> neutralValue, List<Function<Random, String>> negatives) {

    static Spec of(PiiType type, Function<Random, String> valid, Function<Random, String> lookAlike,
                   List<String> sentences) {
        return new Spec(type, valid, lookAlike, sentences, List.of(), valid, List.of());
    }

    /**
     * A context type's spec (PASSWORD, AGE, ...): positives are values in cue sentences, and every hard negative is a
     * whole sentence of its own (a cue with no value, the value's shape with no cue, the cue's word in another sense).
     */
    static Spec context(PiiType type, Function<Random, String> valid, List<String> sentences,
                        List<Function<Random, String>> negatives) {
        return new Spec(type, valid, valid, sentences, List.of(), valid, negatives);
    }

    /** Neutral sentences that take a valid value. */
    Spec withNeutral(List<String> neutralSentences) {
        return new Spec(type, valid, lookAlike, sentences, neutralSentences, valid, negatives);
    }

    /** Neutral sentences that take values of their own. */
    Spec withNeutral(List<String> neutralSentences, Function<Random, String> values) {
        return new Spec(type, valid, lookAlike, sentences, neutralSentences, values, negatives);
    }
}
