package dev.sluice.guardrails.pii.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of a text for the NAME and ADDRESS detectors: runs of letters and digits, with inner apostrophes,
 * hyphens and dots kept ({@code O'Connor}, {@code Jean-Pierre}, {@code 221B}); for each, what separates it from the
 * word before (so a name run stops at a comma or a full stop). One pass; confined to the checking thread.
 */
final class WordTokens {

    /**
     * A word: its span, its text in lower case, and where the characters between it and the previous word start
     * ({@code gapStart}, in {@code source}).
     */
    record Word(String source, int gapStart, int start, int end, String text, String lower) {

        /** The characters between the previous word and this one (made on demand: most words never ask). */
        String gap() {
            return source.substring(gapStart, start);
        }

        /** Title case: an upper-case first letter and a lower-case letter after it ({@code Anna}, not {@code NASA}). */
        boolean capitalised() {
            if (text.length() < 2 || !Character.isUpperCase(text.charAt(0))) {
                return false;
            }
            for (int i = 1; i < text.length(); i++) {
                if (Character.isLowerCase(text.charAt(i))) {
                    return true;
                }
            }
            return false;
        }

        boolean digits() {
            return Character.isDigit(text.charAt(0));
        }

        /** Whether only spaces (at most two) separate it from the previous word. */
        boolean joined() {
            int length = start - gapStart;
            if (length < 1 || length > 2) {
                return false;
            }
            for (int i = gapStart; i < start; i++) {
                char c = source.charAt(i);
                if (c == '\n' || !Character.isWhitespace(c)) {
                    return false;
                }
            }
            return true;
        }

        /** Whether a sentence ends between it and the previous word (or it is the first word). */
        boolean startsSentence() {
            if (gapStart == 0) {
                return true;
            }
            for (int i = gapStart; i < start; i++) {
                char c = source.charAt(i);
                if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':') {
                    return true;
                }
            }
            return false;
        }
    }

    private WordTokens() { }

    static List<Word> of(String text) {
        List<Word> words = new ArrayList<>();
        int n = text.length();
        int previousEnd = 0;
        int i = 0;
        while (i < n) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || inner(text, i))) {
                i++;
            }
            String word = text.substring(start, i);
            words.add(new Word(text, previousEnd, start, i, word, word.toLowerCase(Locale.ROOT)));
            previousEnd = i;
        }
        return words;
    }

    private static boolean inner(String text, int i) {
        char c = text.charAt(i);
        return (c == '\'' || c == '’' || c == '-') && i + 1 < text.length()
                && Character.isLetterOrDigit(text.charAt(i + 1)) && i > 0
                && Character.isLetterOrDigit(text.charAt(i - 1));
    }
}
