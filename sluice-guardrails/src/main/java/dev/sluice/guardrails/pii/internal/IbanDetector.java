package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * IBANs (ISO 13616): a country with IBANs, two check digits, and exactly that country's length of capital letters and
 * digits, either together or in the printed groups of four separated by single spaces (and then not followed by one
 * more group of digits, which would make it too long), passing ISO 7064 mod 97-10.
 */
final class IbanDetector implements Detector {

    private static final String TYPE = PiiType.INTERNATIONAL_BANK_ACCOUNT_NUMBER.name();

    @Override
    public long needs() {
        return Needs.UPPER_PAIR_DIGITS_2;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        int n = scan.length();
        for (int i = 0; i + 15 <= n; i++) {
            if (Chars.upper(scan.at(i)) && Chars.upper(scan.at(i + 1)) && Chars.digit(scan.at(i + 2))
                    && Chars.digit(scan.at(i + 3)) && Chars.startsWord(scan, i)) {
                int length = IbanLengths.of(scan.text().substring(i, i + 2));
                int end = length == 0 ? -1 : match(scan, i, length);
                if (end > 0) {
                    out.add(new Candidate(TYPE, i, end, 0.95, false));
                    i = end - 1;
                }
            }
        }
    }

    /** The end of an IBAN of {@code length} characters starting at {@code i} that passes mod 97, or -1. */
    private static int match(TextScan s, int i, int length) {
        StringBuilder compact = new StringBuilder(length);
        boolean spaced = s.peek(i + 4) == ' ';
        int j = i;
        while (compact.length() < length) {
            char c = s.peek(j);
            if (Chars.upperOrDigit(c)) {
                compact.append(c);
                j++;
            } else if (c == ' ' && spaced && compact.length() % 4 == 0 && Chars.upperOrDigit(s.peek(j + 1))) {
                j++;
            } else {
                return -1;
            }
        }
        boolean tooLong = spaced && s.peek(j) == ' ' && Chars.digit(s.peek(j + 1));
        return Chars.endsWord(s, j) && !tooLong && Checksums.ibanMod97(compact) ? j : -1;
    }
}
