package dev.sluice.guardrails.pii.internal;

/** Character classes the scanners share; ASCII digits and letters only where a format says so. */
final class Chars {

    private Chars() { }

    static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean lower(char c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean upperOrDigit(char c) {
        return upper(c) || digit(c);
    }

    static boolean asciiAlnum(char c) {
        return upper(c) || lower(c) || digit(c);
    }

    static boolean hex(char c) {
        return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Part of a word in any script (so {@code é4111...} does not start a number). */
    static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Whether {@code i} can start a token: the text starts there or the char before is not part of a word. */
    static boolean startsWord(TextScan s, int i) {
        return i == 0 || !wordChar(s.at(i - 1));
    }

    /** Whether a token can end just before {@code i}: the text ends there or the char there is not part of a word. */
    static boolean endsWord(TextScan s, int i) {
        return i >= s.length() || !wordChar(s.at(i));
    }

    /** Whether nothing before {@code start} makes it part of a word, a longer number or a phone number (+). */
    static boolean aloneBefore(TextScan s, int start) {
        char before = s.peek(start - 1);
        return startsWord(s, start) && before != '+' && !(joiner(before) && digit(s.peek(start - 2)));
    }

    /** Whether nothing from {@code end} on makes the token part of a word or of a longer number. */
    static boolean aloneAfter(TextScan s, int end) {
        char after = s.peek(end);
        return endsWord(s, end) && !(joiner(after) && digit(s.peek(end + 1)));
    }

    /** Punctuation that joins digits into one larger number (1,234.5 or 12/25 or 10:30). */
    static boolean joiner(char c) {
        return c == '.' || c == ',' || c == '-' || c == '/' || c == ':' || c == '+';
    }

    static int value(char c) {
        return c - '0';
    }
}
