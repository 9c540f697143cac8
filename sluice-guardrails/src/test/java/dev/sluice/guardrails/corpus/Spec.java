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
            List<String> neutral, Function<Random, String> neutralValue) {

    static Spec of(PiiType type, Function<Random, String> valid, Function<Random, String> lookAlike,
                   List<String> sentences) {
        return new Spec(type, valid, lookAlike, sentences, List.of(), valid);
    }

    /** Neutral sentences that take a valid value. */
    Spec withNeutral(List<String> neutralSentences) {
        return new Spec(type, valid, lookAlike, sentences, neutralSentences, valid);
    }

    /** Neutral sentences that take values of their own. */
    Spec withNeutral(List<String> neutralSentences, Function<Random, String> values) {
        return new Spec(type, valid, lookAlike, sentences, neutralSentences, values);
    }
}
