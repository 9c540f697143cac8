package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.internal.PhraseMatcher;
import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * Identifiers that have no checksum or shape of their own to tell them from any other number, read only right after
 * their label ({@link Cues}): a US bank account number ({@code account number: 000123456789}, {@code my checking
 * account is 4401-2231-77}), a driver's licence number ({@code driver's license D1234-5678-9012}, {@code DL#
 * S530-4127-8833}), a Canadian health card number ({@code OHIP 1234-567-890-AB}, {@code RAMQ: ABCD 1234 5678}) and a
 * UK Unique Taxpayer Reference ({@code UTR 12345 67890}). A label's KEY words ({@code acct}, {@code dl}) count only
 * before {@code :} or {@code =}. A value must end where a word ends (not {@code 12345678-2}); the number elsewhere is
 * never one of these.
 */
final class LabelledIdDetector implements Detector {

    /** Reads a value's shape: its end when one starts at {@code start}, else -1. */
    @FunctionalInterface
    interface Shape {
        int end(TextScan s, int start);
    }

    private final PiiType type;
    private final String name;
    private final PhraseMatcher<Cues.Cue> cues;
    private final Shape shape;

    private LabelledIdDetector(PiiType type, PhraseMatcher<Cues.Cue> cues, Shape shape) {
        this.type = type;
        this.name = type.name();
        this.cues = cues;
        this.shape = shape;
    }

    /** 4 to 17 digits, in groups joined by single hyphens ({@code 4401-2231-77}). */
    static LabelledIdDetector bankAccount(PhraseMatcher<Cues.Cue> cues) {
        return new LabelledIdDetector(PiiType.US_BANK_ACCOUNT_NUMBER, cues, (s, start) -> {
            int end = groups(s, start, '-', 17);
            int digits = count(s, start, end, true);
            return digits >= 4 && digits <= 17 ? end : -1;
        });
    }

    /**
     * 5 to 20 ASCII capitals and digits in groups joined by single hyphens or spaces (a group after a space of at
     * least three), with at least 4 digits ({@code D1234567}, {@code S530-4127-8833}, {@code 123 456 789},
     * {@code MORGA753116SM9IJ}).
     */
    static LabelledIdDetector driverId(PhraseMatcher<Cues.Cue> cues) {
        return new LabelledIdDetector(PiiType.DRIVER_ID, cues, (s, start) -> {
            int end = alnumGroups(s, start, 20);
            int chars = count(s, start, end, false);
            return chars >= 5 && chars <= 20 && count(s, start, end, true) >= 4 ? end : -1;
        });
    }

    /**
     * 10 digits, whole or 4-3-3 (hyphens or spaces), with an optional version code of one or two capitals (Ontario,
     * British Columbia, ...); or Quebec's RAMQ number, 4 capitals and 8 digits ({@code ABCD 1234 5678}).
     */
    static LabelledIdDetector caHealthNumber(PhraseMatcher<Cues.Cue> cues) {
        return new LabelledIdDetector(PiiType.CA_HEALTH_NUMBER, cues, (s, start) -> {
            if (Chars.upper(s.peek(start))) {
                int j = start;
                while (Chars.upper(s.peek(j)) && j - start < 4) {
                    j++;
                }
                if (j - start != 4) {
                    return -1;
                }
                int end = groups(s, skipSpace(s, j), ' ', 8);
                return count(s, j, end, true) == 8 && end - skipSpace(s, j) <= 9 ? end : -1;
            }
            int end = groups(s, start, '\0', 10);
            if (count(s, start, end, true) != 10 || !(end - start == 10 || end - start == 12)) {
                return -1;
            }
            int v = end;
            if (s.peek(v) == ' ' || s.peek(v) == '-') {
                v++;
            }
            int letters = 0;
            while (Chars.upper(s.peek(v + letters)) && letters < 3) {
                letters++;
            }
            return letters >= 1 && letters <= 2 && Chars.aloneAfter(s, v + letters) ? v + letters : end;
        });
    }

    /** 10 digits, whole or 5 and 5 (a space), with an optional K. */
    static LabelledIdDetector ukTaxpayerReference(PhraseMatcher<Cues.Cue> cues) {
        return new LabelledIdDetector(PiiType.UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER, cues, (s, start) -> {
            int end = groups(s, start, ' ', 10);
            if (count(s, start, end, true) != 10 || !(end - start == 10 || (end - start == 11
                    && s.peek(start + 5) == ' '))) {
                return -1;
            }
            return s.peek(end) == 'K' ? end + 1 : end;
        });
    }

    @Override
    public String type() {
        return name;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        for (PhraseMatcher.Hit<Cues.Cue> hit : Cues.of(type, scan.cues(cues))) {
            int cueEnd = hit.end() + (scan.peek(hit.end()) == '.' ? 1 : 0); // "account no. 1234", "License no. D12"
            CueValue v = CueValue.after(scan, cueEnd);
            if (v == null || (hit.payload().kind() == Cues.Kind.KEY && v.join() != CueValue.Join.SEPARATOR)) {
                continue;
            }
            int end = shape.end(scan, v.start());
            if (end > v.start() && (v.quote() == '\0' || scan.peek(end) == v.quote()) && Chars.aloneAfter(scan, end)) {
                out.add(new Candidate(name, v.start(), end, 0.8, false));
            }
        }
    }

    /**
     * The end of digit groups from {@code start}: digits, each group joined to the next by one {@code sep} (a
     * hyphen also when {@code sep} is a space; none when {@code sep} is NUL but then a 4-3-3 split by hyphens or
     * spaces), at most {@code max} digits.
     */
    private static int groups(TextScan s, int start, char sep, int max) {
        int j = start;
        int digits = 0;
        while (true) {
            int groupStart = j;
            while (Chars.digit(s.peek(j)) && digits < max + 1) {
                j++;
                digits++;
            }
            if (j == groupStart) {
                return groupStart == start ? start : groupStart - 1;
            }
            char c = s.peek(j);
            boolean joins = sep == '\0' ? (c == '-' || c == ' ') && (digits == 4 || digits == 7)
                    : c == sep || (sep == ' ' && c == '-');
            if (!joins || !Chars.digit(s.peek(j + 1)) || digits >= max) {
                return j;
            }
            j++;
        }
    }

    /** The end of ASCII capital-and-digit groups joined by single hyphens or spaces, at most {@code max} chars. */
    private static int alnumGroups(TextScan s, int start, int max) {
        int j = start;
        int chars = 0;
        while (Chars.upperOrDigit(s.peek(j)) && chars <= max) {
            j++;
            chars++;
        }
        if (j == start) {
            return start;
        }
        while (true) {
            char c = s.peek(j);
            if (c != '-' && c != ' ') {
                return j;
            }
            int k = j + 1;
            int size = 0;
            while (Chars.upperOrDigit(s.peek(k)) && chars + size <= max) {
                k++;
                size++;
            }
            if (size == 0 || (c == ' ' && (size < 3 || !Chars.digit(s.peek(k - 1))))) {
                return j;
            }
            chars += size;
            j = k;
        }
    }

    /** Digits (or, when {@code digitsOnly} is false, capitals and digits) between {@code from} and {@code to}. */
    private static int count(TextScan s, int from, int to, boolean digitsOnly) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.at(i);
            if (digitsOnly ? Chars.digit(c) : Chars.upperOrDigit(c)) {
                n++;
            }
        }
        return n;
    }

    private static int skipSpace(TextScan s, int j) {
        return s.peek(j) == ' ' ? j + 1 : j;
    }
}
