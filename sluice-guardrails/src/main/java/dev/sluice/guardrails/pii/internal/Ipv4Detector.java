package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * IPv4 addresses: four dotted decimal octets 0-255 without leading zeros, standing alone (not the middle of a longer
 * dotted number such as {@code 1.2.3.4.5}). Version strings have the same shape; the context words "version",
 * "build", ... lower their confidence below the threshold.
 */
final class Ipv4Detector implements Detector {

    private static final String TYPE = PiiType.IP_ADDRESS.name();

    @Override
    public long needs() {
        return Needs.DOTTED_QUAD;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        int n = scan.length();
        for (int i = 0; i < n; i++) {
            char before = scan.peek(i - 1);
            if (Chars.digit(scan.at(i)) && !Chars.wordChar(before) && before != '.') {
                int end = match(scan, i);
                if (end > 0) {
                    out.add(new Candidate(TYPE, i, end, 0.8, false));
                    i = end - 1;
                }
            }
        }
    }

    /** The end of a dotted quad starting at {@code i}, or -1. */
    static int match(TextScan s, int i) {
        int j = i;
        for (int octet = 0; octet < 4; octet++) {
            int start = j;
            int value = 0;
            while (Chars.digit(s.peek(j)) && j - start < 4) {
                value = value * 10 + Chars.value(s.at(j));
                j++;
            }
            int digits = j - start;
            if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && s.at(start) == '0')) {
                return -1;
            }
            if (octet < 3) {
                if (s.peek(j) != '.') {
                    return -1;
                }
                j++;
            }
        }
        boolean more = (s.peek(j) == '.' || s.peek(j) == '-') && Chars.digit(s.peek(j + 1));
        return Chars.endsWord(s, j) && !more ? j : -1;
    }
}
