package dev.sluice.guardrails.pii.internal;

/** Maximal runs of capital ASCII letters and digits that stand as words (codes, keys, identifiers). */
final class UpperTokens {

    /** Receives one token's span. */
    @FunctionalInterface
    interface Visitor {
        void token(int start, int end);
    }

    private UpperTokens() { }

    /** Calls {@code visitor} for every such token of {@code minLength} to {@code maxLength} characters, in order. */
    static void scan(TextScan s, int minLength, int maxLength, Visitor visitor) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (!Chars.upperOrDigit(s.at(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && Chars.upperOrDigit(s.at(j))) {
                j++;
            }
            int length = j - i;
            if (length >= minLength && length <= maxLength && Chars.startsWord(s, i) && Chars.endsWord(s, j)) {
                visitor.token(i, j);
            }
            i = j;
        }
    }

    static boolean hasLetter(TextScan s, int start, int end) {
        for (int k = start; k < end; k++) {
            if (Chars.upper(s.at(k))) {
                return true;
            }
        }
        return false;
    }

    static boolean hasDigit(TextScan s, int start, int end) {
        for (int k = start; k < end; k++) {
            if (Chars.digit(s.at(k))) {
                return true;
            }
        }
        return false;
    }
}
