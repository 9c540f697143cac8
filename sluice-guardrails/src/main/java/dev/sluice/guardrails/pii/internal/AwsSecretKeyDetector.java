package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * AWS secret access keys: exactly forty characters of the base-64 alphabet ({@code A-Z a-z 0-9 / +}) standing alone,
 * with capitals, small letters and at least one digit, slash or plus (random keys have all three; hex digests and
 * words do not); reported only with a context word ("secret access key", ...) nearby.
 */
final class AwsSecretKeyDetector implements Detector {

    private static final String TYPE = PiiType.AWS_SECRET_KEY.name();

    @Override
    public long needs() {
        return Needs.BASE64_40;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        int n = scan.length();
        int i = 0;
        while (i < n) {
            if (!base64(scan.at(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && base64(scan.at(j))) {
                j++;
            }
            if (j - i == 40 && !Chars.wordChar(scan.peek(i - 1)) && !Chars.wordChar(scan.peek(j))
                    && scan.peek(j) != '=' && mixed(scan, i, j)) {
                out.add(new Candidate(TYPE, i, j, 0.6, true));
            }
            i = j;
        }
    }

    private static boolean base64(char c) {
        return Chars.asciiAlnum(c) || c == '/' || c == '+';
    }

    private static boolean mixed(TextScan s, int start, int end) {
        boolean upper = false;
        boolean lower = false;
        boolean other = false;
        for (int k = start; k < end; k++) {
            char c = s.at(k);
            upper |= Chars.upper(c);
            lower |= Chars.lower(c);
            other |= Chars.digit(c) || c == '/' || c == '+';
        }
        return upper && lower && other;
    }
}
