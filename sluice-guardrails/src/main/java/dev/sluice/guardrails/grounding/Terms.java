package dev.sluice.guardrails.grounding;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The terms of a text that grounding compares: content words (lower case, a light stem, stop words left out),
 * numbers (digits with their separators removed, so {@code 1,200} and {@code 1200} agree) and names (capitalised
 * words that do not start a sentence, and words in capitals). One pass over the text, no regex. Immutable.
 */
record Terms(Set<String> words, Set<String> numbers, Set<String> names) {

    private static final Set<String> STOP = Set.of("a", "an", "the", "and", "or", "but", "if", "of", "to", "in",
            "on", "at", "by", "for", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it",
            "its", "this", "that", "these", "those", "there", "their", "they", "them", "he", "she", "his", "her",
            "we", "our", "you", "your", "i", "me", "my", "do", "does", "did", "has", "have", "had", "can", "could",
            "will", "would", "should", "may", "might", "must", "not", "no", "yes", "so", "than", "then", "also",
            "about", "into", "over", "after", "before", "which", "who", "whom", "what", "when", "where", "why", "how",
            "all", "any", "each", "some", "such", "only", "very", "more", "most", "other", "per", "up", "out", "just",
            "s", "t");

    /** Numbers written as words, so that "ten days" and "10 days" agree and "five times" differs from "twice". */
    private static final java.util.Map<String, String> NUMBER_WORDS = java.util.Map.ofEntries(
            java.util.Map.entry("one", "1"), java.util.Map.entry("two", "2"), java.util.Map.entry("three", "3"),
            java.util.Map.entry("four", "4"), java.util.Map.entry("five", "5"), java.util.Map.entry("six", "6"),
            java.util.Map.entry("seven", "7"), java.util.Map.entry("eight", "8"), java.util.Map.entry("nine", "9"),
            java.util.Map.entry("ten", "10"), java.util.Map.entry("eleven", "11"), java.util.Map.entry("twelve", "12"),
            java.util.Map.entry("twenty", "20"), java.util.Map.entry("thirty", "30"),
            java.util.Map.entry("forty", "40"), java.util.Map.entry("fifty", "50"),
            java.util.Map.entry("hundred", "100"), java.util.Map.entry("thousand", "1000"),
            java.util.Map.entry("once", "1"), java.util.Map.entry("twice", "2"), java.util.Map.entry("single", "1"),
            java.util.Map.entry("double", "2"), java.util.Map.entry("triple", "3"));

    /** The terms of {@code text}. */
    static Terms of(String text) {
        Set<String> words = new LinkedHashSet<>();
        Set<String> numbers = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        int n = text.length();
        boolean sentenceStart = true;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int start = i;
                boolean digits = Character.isDigit(c);
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || innerMark(text, i, digits))) {
                    i++;
                }
                String token = text.substring(start, i);
                add(token, digits, sentenceStart, words, numbers, names);
                sentenceStart = false;
            } else {
                if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':') {
                    sentenceStart = true;
                }
                i++;
            }
        }
        return new Terms(words, numbers, names);
    }

    /** A separator inside a number ({@code 1,200.50}) or a word ({@code don't}, {@code e-mail}). */
    private static boolean innerMark(String text, int i, boolean digits) {
        char c = text.charAt(i);
        boolean between = i + 1 < text.length() && Character.isLetterOrDigit(text.charAt(i + 1)) && i > 0
                && Character.isLetterOrDigit(text.charAt(i - 1));
        return between && (digits ? c == ',' || c == '.' : c == '\'' || c == '-');
    }

    private static void add(String token, boolean digits, boolean sentenceStart, Set<String> words,
                            Set<String> numbers, Set<String> names) {
        if (digits) {
            String number = token.replace(",", "");
            if (number.endsWith(".0") || number.endsWith(".00")) {
                number = number.substring(0, number.indexOf('.'));
            }
            numbers.add(number.toLowerCase(Locale.ROOT));
            return;
        }
        String lower = token.toLowerCase(Locale.ROOT);
        String spelled = NUMBER_WORDS.get(lower);
        if (spelled != null) {
            numbers.add(spelled);
            return;
        }
        if (STOP.contains(lower)) {
            return;
        }
        words.add(stem(lower));
        boolean capital = Character.isUpperCase(token.charAt(0));
        boolean allCaps = token.length() > 1 && token.chars().allMatch(ch -> !Character.isLowerCase(ch));
        if ((capital && !sentenceStart) || allCaps) {
            names.add(lower);
        }
    }

    /** A light suffix stem, enough for "prices"/"price", "opened"/"open", "running"/"run". */
    static String stem(String w) {
        String s = w;
        if (s.length() > 4 && s.endsWith("ies")) {
            s = s.substring(0, s.length() - 3) + "y";
        } else if (s.length() > 5 && s.endsWith("ing")) {
            s = s.substring(0, s.length() - 3);
        } else if (s.length() > 4 && s.endsWith("ed")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.length() > 3 && s.endsWith("s") && !s.endsWith("ss")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.length() > 3 && s.endsWith("e")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.length() > 3 && s.charAt(s.length() - 1) == s.charAt(s.length() - 2)) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
