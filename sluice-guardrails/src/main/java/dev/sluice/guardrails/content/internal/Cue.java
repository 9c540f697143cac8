package dev.sluice.guardrails.content.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One weighted cue of the lexicon: a sequence of elements matched against consecutive tokens. An element is a gap
 * (0 to {@value #MAX_GAP} tokens) or a choice of alternatives, each a sequence of tokens whose last may be a prefix.
 *
 * @param category the category the cue counts for (a {@code ContentType} name)
 * @param weight added to the category's score once when the cue is found; negative for cues of benign intent
 * @param source the cue as written in the lexicon, for error lists
 */
record Cue(int id, String category, double weight, List<Element> elements, String source) {

    static final int MAX_GAP = 4;

    /**
     * A gap, or a choice among alternatives. The alternatives are also kept by their first token ({@code byFirst}:
     * those whose first token must be equal) and apart ({@code prefixed}: a single token matched as a prefix), so
     * that an element of twenty words costs a hash look-up at each position a gap lets it try, not twenty
     * comparisons.
     */
    record Element(boolean gap, List<Alternative> alternatives, Map<String, List<Alternative>> byFirst,
                   List<Alternative> prefixed) {

        Element(boolean gap, List<Alternative> alternatives) {
            this(gap, alternatives, alternatives.stream().filter(a -> !a.singlePrefix())
                    .collect(Collectors.groupingBy(a -> a.tokens()[0])),
                    alternatives.stream().filter(Alternative::singlePrefix).toList());
        }
    }

    /** Tokens to match in order; the last one is matched as a prefix when {@code prefix}. */
    record Alternative(String[] tokens, boolean prefix) {

        /** One token, matched as a prefix: the only kind whose first token need not be equal. */
        boolean singlePrefix() {
            return prefix && tokens.length == 1;
        }

        boolean matches(String[] text, int at) {
            if (at + tokens.length > text.length) {
                return false;
            }
            int last = tokens.length - 1;
            for (int k = 0; k < last; k++) {
                if (!tokens[k].equals(text[at + k])) {
                    return false;
                }
            }
            return prefix ? text[at + last].startsWith(tokens[last]) : tokens[last].equals(text[at + last]);
        }
    }

    /** Whether the cue matches starting at token {@code at}. Bounded: gaps are short and cues have few of them. */
    boolean matchesAt(String[] text, int at) {
        return match(text, at, 0);
    }

    private boolean match(String[] text, int at, int element) {
        if (element == elements.size()) {
            return true;
        }
        Element e = elements.get(element);
        if (e.gap()) {
            for (int skip = 0; skip <= MAX_GAP && at + skip <= text.length; skip++) {
                if (skip > 0 && text[at + skip - 1].equals(Normalized.SEPARATOR)) {
                    return false;
                }
                if (match(text, at + skip, element + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (at >= text.length) {
            return false;
        }
        List<Alternative> exact = e.byFirst().get(text[at]);
        if (exact != null) {
            for (Alternative a : exact) {
                if (a.matches(text, at) && match(text, at + a.tokens().length, element + 1)) {
                    return true;
                }
            }
        }
        for (Alternative a : e.prefixed()) {
            if (a.matches(text, at) && match(text, at + a.tokens().length, element + 1)) {
                return true;
            }
        }
        return false;
    }
}
