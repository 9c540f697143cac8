package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * E-mail addresses: a local part of 1 to 64 letters, digits and {@code . _ % + -} (no leading, trailing or doubled
 * dot), {@code @}, and a domain of at least two labels (letters, digits, inner hyphens; at most 63 characters each)
 * whose last label is two or more letters. Letters may be any script's (internationalised addresses). Scanned from
 * each {@code @}, at most 64 characters back and 253 forward. The user information of a URL
 * ({@code postgres://app:s3cret@db.example.com}) is not an address: USERNAME and PASSWORD own it.
 */
final class EmailDetector implements Detector {

    private static final String TYPE = PiiType.EMAIL.name();

    @Override
    public long needs() {
        return Needs.AT;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        String text = scan.text();
        int at = text.indexOf('@');
        while (at >= 0) {
            int start = localStart(scan, at);
            int end = start < 0 ? -1 : domainEnd(scan, at + 1);
            if (end > 0) {
                out.add(new Candidate(TYPE, start, end, 0.9, false));
            }
            at = text.indexOf('@', Math.max(at + 1, end));
        }
    }

    private static boolean localChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    /** Where the local part before the {@code @} at {@code at} starts, or -1 if there is no valid one. */
    private static int localStart(TextScan s, int at) {
        int i = at;
        while (i > 0 && at - i < 64 && localChar(s.at(i - 1))) {
            i--;
        }
        if (i == at || (i > 0 && localChar(s.at(i - 1)))) {
            return -1;
        }
        if (s.at(i) == '.' || s.at(at - 1) == '.') {
            return -1;
        }
        for (int k = i + 1; k < at; k++) {
            if (s.at(k) == '.' && s.at(k - 1) == '.') {
                return -1;
            }
        }
        return inUrlUserInfo(s, at) ? -1 : i;
    }

    /**
     * Whether the {@code @} at {@code at} ends the user information of a URL ({@code postgres://app@db},
     * {@code redis://app:s3cr!t@cache}): a user name and password, not an address ({@code mailto:} still is one).
     */
    private static boolean inUrlUserInfo(TextScan s, int at) {
        int k = at;
        while (k > 0 && at - k < 256 && s.at(k - 1) != '/' && !Character.isWhitespace(s.at(k - 1))) {
            k--;
        }
        return s.peek(k - 1) == '/' && s.peek(k - 2) == '/' && s.peek(k - 3) == ':';
    }

    /** Where the domain starting at {@code from} ends, or -1 if there is no valid one. */
    private static int domainEnd(TextScan s, int from) {
        int j = from;
        int labels = 0;
        int lastLabel = from;
        while (true) {
            int start = j;
            while (j < s.length() && j - start < 64 && (Character.isLetterOrDigit(s.at(j)) || s.at(j) == '-')) {
                j++;
            }
            if (j == start || j - start > 63 || s.at(start) == '-' || s.at(j - 1) == '-' || j - from > 253) {
                return -1;
            }
            labels++;
            lastLabel = start;
            if (s.peek(j) == '.' && Character.isLetterOrDigit(s.peek(j + 1))) {
                j++;
            } else {
                break;
            }
        }
        for (int k = lastLabel; k < j; k++) {
            if (!Character.isLetter(s.at(k))) {
                return -1;
            }
        }
        boolean ends = Chars.endsWord(s, j) && s.peek(j) != '@' && s.peek(j) != '-';
        return labels >= 2 && j - lastLabel >= 2 && ends ? j : -1;
    }
}
