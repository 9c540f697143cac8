package dev.sluice.guardrails.topics;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text into sentences at {@code . ! ?} (and their CJK forms) followed by a space or the end, and at line
 * breaks; a sentence longer than the limit is cut into pieces of that length at a space. One pass, no regex.
 */
final class Sentences {

    private Sentences() { }

    static List<String> split(String text, int maxLength) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean end = c == '\n' || c == '。' || c == '！' || c == '？'
                    || ((c == '.' || c == '!' || c == '?') && (i + 1 == n || Character.isWhitespace(text.charAt(i + 1))));
            if (end || i - start >= maxLength) {
                add(text.substring(start, i + 1), out);
                start = i + 1;
            }
        }
        add(text.substring(start), out);
        return out;
    }

    private static void add(String sentence, List<String> out) {
        for (int i = 0; i < sentence.length(); ) {
            int cp = sentence.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                out.add(sentence.strip());
                return;
            }
            i += Character.charCount(cp);
        }
    }
}
