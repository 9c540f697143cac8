package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * Card expiry dates: a month (1-12, one or two digits), a slash or hyphen (spaces around allowed), and a two-digit
 * year or a four-digit year 2000-2099, standing alone (so {@code 12/03/2026} is not taken apart); reported only with
 * a context word ("exp", "expires", "valid thru", ...) nearby.
 */
final class CardExpiryDetector implements Detector {

    private static final String TYPE = PiiType.CREDIT_DEBIT_CARD_EXPIRY.name();

    @Override
    public long needs() {
        return Needs.DIGITS_2;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        int n = scan.length();
        for (int i = scan.firstDigit(); i < n; i++) {
            if (Chars.digit(scan.at(i)) && (i == 0 || !Chars.digit(scan.at(i - 1))) && Chars.aloneBefore(scan, i)) {
                int end = match(scan, i);
                if (end > 0) {
                    out.add(new Candidate(TYPE, i, end, 0.5, true));
                    i = end - 1;
                }
            }
        }
    }

    /** The end of an expiry date starting at {@code i}, or -1. */
    private static int match(TextScan s, int i) {
        int j = i;
        while (Chars.digit(s.peek(j)) && j - i < 3) {
            j++;
        }
        int monthDigits = j - i;
        if (monthDigits == 0 || monthDigits > 2) {
            return -1;
        }
        int month = monthDigits == 1 ? Chars.value(s.at(i)) : Chars.value(s.at(i)) * 10 + Chars.value(s.at(i + 1));
        if (month < 1 || month > 12) {
            return -1;
        }
        if (s.peek(j) == ' ') {
            j++;
        }
        if (s.peek(j) != '/' && s.peek(j) != '-') {
            return -1;
        }
        j++;
        if (s.peek(j) == ' ') {
            j++;
        }
        int y = j;
        while (Chars.digit(s.peek(j)) && j - y < 5) {
            j++;
        }
        boolean year = j - y == 2 || (j - y == 4 && s.at(y) == '2' && s.at(y + 1) == '0');
        return year && Chars.aloneAfter(s, j) ? j : -1;
    }
}
