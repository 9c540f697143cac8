package dev.sluice.guardrails.pii.internal;

/** The pieces of a URL after its scheme: host and port, then path, query and fragment. */
final class UrlParts {

    private UrlParts() { }

    /**
     * The end of the host (and port) starting at {@code i}, or minus the index where scanning stopped when there is
     * no valid host (so the caller can resume there and stay linear).
     */
    static int hostEnd(TextScan s, int i) {
        if (s.peek(i) == '[') {
            int j = i + 1;
            while (j < s.length() && (Chars.hex(s.at(j)) || s.at(j) == ':' || s.at(j) == '.') && j - i < 48) {
                j++;
            }
            return s.peek(j) == ']' && j > i + 2 ? port(s, j + 1) : -(j + 1);
        }
        int j = i;
        int labels = 0;
        int lastLabel = i;
        boolean allNumeric = true;
        while (true) {
            int start = j;
            while (j < s.length() && (Character.isLetterOrDigit(s.at(j)) || s.at(j) == '-')) {
                j++;
            }
            if (j == start || j - start > 63 || j - i > 253 || s.at(start) == '-' || s.at(j - 1) == '-') {
                return -(j + 1);
            }
            labels++;
            lastLabel = start;
            allNumeric &= numericLabel(s, start, j);
            if (s.peek(j) == '.' && Character.isLetterOrDigit(s.peek(j + 1))) {
                j++;
            } else {
                break;
            }
        }
        boolean localhost = labels == 1 && s.text().regionMatches(true, i, "localhost", 0, 9) && j - i == 9;
        boolean ipv4 = labels == 4 && allNumeric;
        boolean domain = labels >= 2 && j - lastLabel >= 2 && alphabetic(s, lastLabel, j);
        return (localhost || ipv4 || domain) ? port(s, j) : -(j + 1);
    }

    private static int port(TextScan s, int j) {
        if (s.peek(j) == ':' && Chars.digit(s.peek(j + 1))) {
            int k = j + 1;
            while (Chars.digit(s.peek(k)) && k - j <= 5) {
                k++;
            }
            return k;
        }
        return j;
    }

    private static boolean numericLabel(TextScan s, int start, int end) {
        if (end - start > 3) {
            return false;
        }
        int v = 0;
        for (int k = start; k < end; k++) {
            if (!Chars.digit(s.at(k))) {
                return false;
            }
            v = v * 10 + Chars.value(s.at(k));
        }
        return v <= 255;
    }

    private static boolean alphabetic(TextScan s, int start, int end) {
        for (int k = start; k < end; k++) {
            if (!Character.isLetter(s.at(k))) {
                return false;
            }
        }
        return true;
    }

    /** The end of the path, query and fragment that start at {@code j} (just {@code j} when there are none). */
    static int tailEnd(TextScan s, int j) {
        char c = s.peek(j);
        if (c != '/' && c != '?' && c != '#') {
            return j;
        }
        while (j < s.length() && urlChar(s.at(j))) {
            j++;
        }
        return j;
    }

    private static boolean urlChar(char c) {
        return c > ' ' && c != 0x7F && !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                && "<>\"`{}|\\^".indexOf(c) < 0 && !Character.isISOControl(c);
    }

    /** {@code end} less trailing punctuation and closing brackets that no opening one in the tail balances. */
    static int trimTail(TextScan s, int hostEnd, int end) {
        int parens = 0;
        int brackets = 0;
        for (int k = hostEnd; k < end; k++) {
            char c = s.at(k);
            parens += c == '(' ? 1 : c == ')' ? -1 : 0;
            brackets += c == '[' ? 1 : c == ']' ? -1 : 0;
        }
        while (end > hostEnd) {
            char c = s.at(end - 1);
            if (".,;:!?'*".indexOf(c) >= 0) {
                end--;
            } else if (c == ')' && parens < 0) {
                parens++;
                end--;
            } else if (c == ']' && brackets < 0) {
                brackets++;
                end--;
            } else {
                break;
            }
        }
        return end;
    }
}
