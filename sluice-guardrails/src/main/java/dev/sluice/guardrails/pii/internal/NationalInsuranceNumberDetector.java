package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * UK National Insurance numbers: two prefix letters, six digits (together or in spaced pairs) and a suffix A-D
 * ({@code QQ 12 34 56 C}, {@code AB123456C}). The prefix follows HMRC's rules: first letter not D, F, I, Q, U or V;
 * second not D, F, I, O, Q, U or V; and not BG, GB, KN, NK, NT, TN or ZZ. Without its suffix a number needs a context
 * word to reach the threshold.
 */
final class NationalInsuranceNumberDetector implements Detector {

    private static final String TYPE = PiiType.UK_NATIONAL_INSURANCE_NUMBER.name();
    private static final Set<String> NOT_ALLOCATED = Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ");

    @Override
    public long needs() {
        return Needs.UPPER_PAIR_DIGITS_6;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        int n = scan.length();
        for (int i = 0; i + 8 <= n; i++) {
            if (Chars.upper(scan.at(i)) && Chars.upper(scan.at(i + 1)) && Chars.startsWord(scan, i)
                    && prefix(scan.at(i), scan.at(i + 1))) {
                int end = match(scan, i, out);
                if (end > 0) {
                    i = end - 1;
                }
            }
        }
    }

    private static boolean prefix(char first, char second) {
        return "DFIQUV".indexOf(first) < 0 && "DFIOQUV".indexOf(second) < 0
                && !NOT_ALLOCATED.contains(String.valueOf(new char[] {first, second}));
    }

    /** Adds the number starting at {@code i} and returns its end, or -1 when there is none. */
    private static int match(TextScan s, int i, List<Candidate> out) {
        int j = i + 2;
        if (s.peek(j) == ' ') {
            j++;
        }
        int digits = 0;
        while (digits < 6) {
            if (Chars.digit(s.peek(j))) {
                j++;
                digits++;
            } else if (s.peek(j) == ' ' && digits % 2 == 0 && digits > 0 && Chars.digit(s.peek(j + 1))) {
                j++;
            } else {
                break;
            }
        }
        if (digits != 6 || Chars.digit(s.peek(j))) {
            return -1;
        }
        int k = s.peek(j) == ' ' ? j + 1 : j;
        char suffix = s.peek(k);
        if (suffix >= 'A' && suffix <= 'D' && Chars.endsWord(s, k + 1)) {
            out.add(new Candidate(TYPE, i, k + 1, 0.8, false));
            return k + 1;
        }
        if (Chars.endsWord(s, j)) {
            out.add(new Candidate(TYPE, i, j, 0.45, false));
            return j;
        }
        return -1;
    }
}
