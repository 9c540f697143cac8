package dev.sluice.guardrails.grounding;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text into sentences at {@code . ! ?} followed by a space or the end, and at line breaks; a sentence longer
 * than {@link #MAX} characters is cut at that length. Pieces without a letter or digit are dropped. One pass.
 */
final class Passages {

    /** MiniLM reads 256 word pieces at most; a few hundred characters stay well inside. */
    static final int MAX = 400;

    private Passages() { }

    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean end = c == '\n' || ((c == '.' || c == '!' || c == '?')
                    && (i + 1 == n || Character.isWhitespace(text.charAt(i + 1))));
            if (end || i - start >= MAX) {
                add(text.substring(start, i + 1), out);
                start = i + 1;
            }
        }
        add(text.substring(start), out);
        return out;
    }

    private static void add(String piece, List<String> out) {
        String s = piece.strip();
        if (s.codePoints().anyMatch(Character::isLetterOrDigit)) {
            out.add(s);
        }
    }
}
