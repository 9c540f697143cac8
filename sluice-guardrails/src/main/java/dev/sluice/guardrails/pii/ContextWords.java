package dev.sluice.guardrails.pii;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Words and phrases that, near a candidate of a type, make it more likely ({@code supporting}) or less likely
 * ({@code opposing}) to be that type. "Near" is within {@value #BEFORE} characters before the candidate or
 * {@value #AFTER} after it; a supporting word adds {@value #BOOST} to the confidence and an opposing one subtracts as
 * much (once each, however many are present). Types whose shape alone means little (CVV, expiry, AWS secret key, US
 * passport) are reported only with a supporting word nearby. Words match whole and case-insensitively.
 *
 * @param supporting per type, words that raise confidence; types absent have none
 * @param opposing   per type, words that lower confidence; types absent have none
 */
public record ContextWords(Map<PiiType, List<String>> supporting, Map<PiiType, List<String>> opposing) {

    /** How far before a candidate a context word counts, in characters. */
    public static final int BEFORE = 50;
    /** How far after a candidate a context word counts, in characters. */
    public static final int AFTER = 30;
    /** What one supporting (or opposing) word adds to (or takes from) the confidence. */
    public static final double BOOST = 0.35;

    public ContextWords {
        supporting = copy(supporting, "supporting");
        opposing = copy(opposing, "opposing");
    }

    /** The shipped lists (see {@code docs/guardrails.md}). */
    public static ContextWords defaults() {
        return new ContextWords(DefaultContextWords.SUPPORTING, DefaultContextWords.OPPOSING);
    }

    /** No context words: context-only types are then never reported. */
    public static ContextWords none() {
        return new ContextWords(Map.of(), Map.of());
    }

    /** These lists plus more supporting words for one type. */
    public ContextWords withSupporting(PiiType type, String... words) {
        return new ContextWords(plus(supporting, type, words), opposing);
    }

    /** These lists plus more opposing words for one type. */
    public ContextWords withOpposing(PiiType type, String... words) {
        return new ContextWords(supporting, plus(opposing, type, words));
    }

    private static Map<PiiType, List<String>> plus(Map<PiiType, List<String>> lists, PiiType type, String... words) {
        Map<PiiType, List<String>> out = new EnumMap<>(PiiType.class);
        out.putAll(lists);
        List<String> merged = new ArrayList<>(lists.getOrDefault(type, List.of()));
        merged.addAll(Arrays.asList(words));
        out.put(type, merged);
        return out;
    }

    private static Map<PiiType, List<String>> copy(Map<PiiType, List<String>> lists, String what) {
        if (lists == null) {
            return Map.of();
        }
        Map<PiiType, List<String>> out = new EnumMap<>(PiiType.class);
        lists.forEach((type, words) -> {
            for (String word : words) {
                if (word == null || word.isBlank() || word.length() > 100) {
                    throw new IllegalArgumentException(what + " context word for " + type + " '" + word
                            + "': use 1 to 100 characters");
                }
            }
            out.put(type, List.copyOf(words));
        });
        return Map.copyOf(out);
    }
}
