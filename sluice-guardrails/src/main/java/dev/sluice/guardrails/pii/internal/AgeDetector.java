package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.internal.PhraseMatcher;
import dev.sluice.guardrails.pii.PiiType;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * People's ages: a number of 1 to 3 digits, at most {@value #OLDEST}, after an age cue ({@code age: 41},
 * {@code aged 52}, {@code at the age of 7}) or just before one ({@code 34 years old}, {@code a 7-year-old},
 * {@code 45 y/o}, {@code 80 years of age}). Not a duration or a size: "34 years of experience", "a 3-year contract" and
 * "5 years ago" have no age cue. Not a threshold or a statistic: a cue after "average", "median", "minimum",
 * "legal", "retirement", ... or a number after "over", "under", "at least" is left alone ("over the age of 18").
 */
final class AgeDetector implements Detector {

    private static final String TYPE = PiiType.AGE.name();
    static final int OLDEST = 130;
    /** Words before an age cue or its number that make it a rule or a statistic, not a person's age. */
    private static final Set<String> NOT_A_PERSON = Set.of("average", "mean", "median", "minimum", "min",
            "maximum", "max", "legal", "retirement", "voting", "drinking", "school", "consent", "pension", "target",
            "over", "under", "above", "below", "least", "than", "limit", "stone", "bronze", "iron", "ice", "middle",
            "golden", "digital", "space", "gestational", "mental", "reading", "bone");

    private final PhraseMatcher<Cues.Cue> cues;

    AgeDetector(PhraseMatcher<Cues.Cue> cues) {
        this.cues = cues;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        for (PhraseMatcher.Hit<Cues.Cue> hit : Cues.of(PiiType.AGE, scan.cues(cues))) {
            if (hit.payload().kind() == Cues.Kind.AFTER_NUMBER) {
                before(scan, hit.start(), out);
            } else if (!excluded(scan, hit.start())) {
                after(scan, hit.end(), out);
            }
        }
    }

    /** The age after a cue ending at {@code cueEnd} ({@code age: 41}, {@code aged 52}, {@code age of 7}). */
    private static void after(TextScan s, int cueEnd, List<Candidate> out) {
        CueValue v = CueValue.after(s, cueEnd);
        if (v == null || v.quote() != '\0') {
            return;
        }
        int j = v.start();
        while (Chars.digit(s.peek(j)) && j - v.start() <= 3) {
            j++;
        }
        if (plausible(s, v.start(), j) && Chars.aloneAfter(s, j) && s.peek(j) != '%') {
            out.add(new Candidate(TYPE, v.start(), j, 0.8, false));
        }
    }

    /** The age just before a cue starting at {@code cueStart}: a space or a hyphen between ({@code 7-year-old}). */
    private static void before(TextScan s, int cueStart, List<Candidate> out) {
        int end = cueStart;
        if (s.peek(end - 1) == ' ' || s.peek(end - 1) == '-' || s.peek(end - 1) == '\u00A0') {
            end--;
        }
        int start = end;
        while (Chars.digit(s.peek(start - 1)) && end - start <= 3) {
            start--;
        }
        if (plausible(s, start, end) && Chars.aloneBefore(s, start) && !excluded(s, start)) {
            out.add(new Candidate(TYPE, start, end, 0.8, false));
        }
    }

    private static boolean plausible(TextScan s, int start, int end) {
        if (end - start < 1 || end - start > 3) {
            return false;
        }
        int age = Integer.parseInt(s.text().substring(start, end));
        return age >= 1 && age <= OLDEST;
    }

    /** Whether one of the two words before {@code at} makes it a rule or a statistic ("over the age of"). */
    private static boolean excluded(TextScan s, int at) {
        int k = at;
        for (int words = 0; words < 2; words++) {
            int gap = k;
            while (k > 0 && !Character.isLetter(s.at(k - 1)) && gap - k < 4) {
                k--;
            }
            int end = k;
            while (k > 0 && Character.isLetter(s.at(k - 1)) && end - k < 16) {
                k--;
            }
            if (k == end) {
                return false;
            }
            if (NOT_A_PERSON.contains(s.text().substring(k, end).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
