package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * Payment card numbers: 13 to 19 digits, whole or grouped by one kind of separator (space or hyphen) as cards print
 * them (fours, or 4-6-5 and 4-6-4), starting with an issuer prefix of a known network at a length that network
 * issues, and passing Luhn.
 */
final class CardNumberDetector implements Detector {

    private static final String TYPE = PiiType.CREDIT_DEBIT_CARD_NUMBER.name();

    @Override
    public long needs() {
        return Needs.DIGIT; // its formats are read from the digit runs
    }

    @Override
    public long runDigits() {
        return DigitRun.counts(13, 19); // thirteen to nineteen digits
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        for (DigitRun run : scan.digitRuns()) {
            run.slices(5, (r, from, to) -> {
                int count = r.digitCount(from, to);
                if (count < 13 || count > 19 || !grouping(r, from, to)) {
                    return;
                }
                String digits = r.digits(scan, from, to);
                if (issued(digits) && Checksums.luhn(digits)) {
                    double confidence = from == to ? 0.85 : count == 19 ? 0.8 : 0.9;
                    out.add(new Candidate(TYPE, r.start(from), r.end(to), confidence, false));
                }
            });
        }
    }

    private static boolean grouping(DigitRun r, int from, int to) {
        if (from == to) {
            return true;
        }
        if (!r.separatedBy(from, to, ' ') && !r.separatedBy(from, to, '-')) {
            return false;
        }
        int groups = to - from + 1;
        if (groups == 3 && r.length(from) == 4 && r.length(from + 1) == 6) {
            return r.length(to) == 5 || r.length(to) == 4;
        }
        for (int g = from; g < to; g++) {
            if (r.length(g) != 4) {
                return false;
            }
        }
        return r.length(to) >= 1 && r.length(to) <= 4;
    }

    /** Whether a network issues numbers with this prefix at this length (ISO/IEC 7812 IIN ranges). */
    static boolean issued(String d) {
        int n = d.length();
        int two = Integer.parseInt(d.substring(0, 2));
        int three = Integer.parseInt(d.substring(0, 3));
        int four = Integer.parseInt(d.substring(0, 4));
        if (d.charAt(0) == '4') {
            return n == 13 || n == 16 || n == 19;                      // Visa
        }
        if (two == 34 || two == 37) {
            return n == 15;                                            // American Express
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return n == 16;                                            // Mastercard
        }
        if ((three >= 300 && three <= 305) || two == 36 || two == 38 || two == 39 || four == 3095) {
            return n >= 14;                                            // Diners Club
        }
        if (four >= 3528 && four <= 3589) {
            return n >= 16;                                            // JCB
        }
        if (four == 6011 || (three >= 644 && three <= 649) || two == 65 || two == 62) {
            return n >= 16;                                            // Discover, UnionPay
        }
        return (two == 50 || (two >= 56 && two <= 69)) && n >= 13;     // Maestro
    }
}
