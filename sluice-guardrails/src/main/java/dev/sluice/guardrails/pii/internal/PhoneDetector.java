package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * Telephone numbers in the forms people write them (see {@link PhoneShape} for what is accepted): international
 * ({@code +} and a calling code, 8 to 15 digits), North American ({@code (555) 123-4567}, {@code 555.123.4567}) and
 * national with a trunk zero ({@code 020 7946 0958}). Bare digit strings need a context word. Scanned from each
 * possible start, at most {@value PhoneParse#MAX_GROUPS} groups ahead, so linear in the text.
 */
final class PhoneDetector implements Detector {

    private static final String TYPE = PiiType.PHONE.name();

    @Override
    public long needs() {
        return Needs.DIGITS_7;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        int n = scan.length();
        PhoneParse parser = new PhoneParse(scan);
        // a number starts with its first digit, or one or two signs before it: "+44", "(020)", "+(44)"
        int i = Math.max(0, scan.firstDigit() - 2);
        while (i < n) {
            if (canStart(scan, i)) {
                PhoneParse parse = parser.parse(i);
                for (int groups = parse.groups(); groups >= 1; groups--) {
                    int end = parse.end(groups);
                    double confidence = Chars.aloneAfter(scan, end) ? PhoneShape.confidence(parse, groups) : 0;
                    if (confidence > 0) {
                        out.add(new Candidate(TYPE, i, end, confidence, false));
                        i = end - 1;
                        break;
                    }
                }
            }
            i++;
        }
    }

    private static boolean canStart(TextScan s, int i) {
        char c = s.at(i);
        if (c == '+' || c == '(') {
            return Chars.startsWord(s, i) && s.peek(i - 1) != '+' && (Chars.digit(s.peek(i + 1))
                    || (c == '+' && s.peek(i + 1) == '(' && Chars.digit(s.peek(i + 2))));
        }
        // a number that continues a run of digit groups ("0044 0532 0130 00") is part of that run, not a phone
        boolean continuesRun = s.peek(i - 1) == ' ' && Chars.digit(s.peek(i - 2));
        return Chars.digit(c) && Chars.aloneBefore(s, i) && !continuesRun;
    }
}
