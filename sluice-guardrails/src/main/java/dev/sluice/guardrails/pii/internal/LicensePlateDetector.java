package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.internal.PhraseMatcher;
import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * Licence plates, only right after a plate cue ({@code plate}, {@code license plate}, {@code number plate},
 * {@code registration}, {@code reg}, {@code Kennzeichen}, {@code immatriculation}; {@code tag} only before {@code :}
 * or {@code =}), since plate shapes alone are everywhere (part numbers, flights, tickets). A plate is one to three
 * groups of ASCII capitals and digits joined by a space or a hyphen, 4 to 8 characters without the separators, with
 * at least one letter and one digit: US {@code 7ABC123}, {@code ABC-1234}, {@code ABC 1234}; UK {@code AB12 CDE};
 * German {@code B-MW 1234}; French {@code AB-123-CD}; Italian {@code AB 123 CD}; Spanish {@code 1234 BCD}; Dutch
 * {@code 12-ABC-3}. A group after a space has at least two characters (so "AB12CDE I think" stops at the plate).
 */
final class LicensePlateDetector implements Detector {

    private static final String TYPE = PiiType.LICENSE_PLATE.name();
    private static final int MIN = 4;
    private static final int MAX = 8;

    private final PhraseMatcher<Cues.Cue> cues;

    LicensePlateDetector(PhraseMatcher<Cues.Cue> cues) {
        this.cues = cues;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        for (PhraseMatcher.Hit<Cues.Cue> hit : Cues.of(PiiType.LICENSE_PLATE, scan.cues(cues))) {
            CueValue v = CueValue.after(scan, hit.end());
            if (v == null || (hit.payload().kind() == Cues.Kind.KEY && v.join() != CueValue.Join.SEPARATOR)) {
                continue;
            }
            int end = end(scan, v.start());
            if (end > 0 && (v.quote() == '\0' || scan.peek(end) == v.quote())) {
                out.add(new Candidate(TYPE, v.start(), end, 0.8, false));
            }
        }
    }

    /** The end of a plate starting at {@code start}, or -1 when none does. */
    private static int end(TextScan s, int start) {
        int j = group(s, start);
        if (j == start) {
            return -1;
        }
        int chars = j - start;
        int end = j;
        for (int groups = 1; groups < 3; groups++) {
            char sep = s.peek(end);
            if (sep != ' ' && sep != '-') {
                break;
            }
            int next = group(s, end + 1);
            int size = next - (end + 1);
            if (size == 0 || chars + size > MAX || (sep == ' ' && size < 2)) {
                break;
            }
            chars += size;
            end = next;
        }
        return chars >= MIN && chars <= MAX && mixed(s, start, end) ? end : -1;
    }

    /** The end of a run of capitals and digits at {@code i} that ends a word, or {@code i}. */
    private static int group(TextScan s, int i) {
        int j = i;
        while (j < s.length() && j - i <= MAX && Chars.upperOrDigit(s.at(j))) {
            j++;
        }
        return Chars.wordChar(s.peek(j)) ? i : j;
    }

    private static boolean mixed(TextScan s, int start, int end) {
        boolean letter = false;
        boolean digit = false;
        for (int k = start; k < end; k++) {
            letter |= Chars.upper(s.at(k));
            digit |= Chars.digit(s.at(k));
        }
        return letter && digit;
    }
}
