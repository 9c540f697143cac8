package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * US Social Security numbers: AAA-GG-SSSS (hyphens or spaces), or nine bare digits (which need a context word to
 * reach the threshold). Valid ranges only: no area 000, 666 or 900-999, no group 00, no serial 0000, and not the
 * numbers the SSA says were published as examples (078-05-1120, 219-09-9999).
 */
final class SocialSecurityNumberDetector implements Detector {

    private static final String TYPE = PiiType.US_SOCIAL_SECURITY_NUMBER.name();

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        for (DigitRun run : scan.digitRuns()) {
            run.slices(3, (r, from, to) -> {
                double confidence = shape(r, from, to);
                if (confidence > 0 && valid(r.digits(scan, from, to))) {
                    out.add(new Candidate(TYPE, r.start(from), r.end(to), confidence, false));
                }
            });
        }
    }

    private static double shape(DigitRun r, int from, int to) {
        if (from == to) {
            return r.length(from) == 9 ? 0.3 : 0;
        }
        if (to - from != 2 || r.length(from) != 3 || r.length(from + 1) != 2 || r.length(to) != 4) {
            return 0;
        }
        return r.separatedBy(from, to, '-') ? 0.75 : r.separatedBy(from, to, ' ') ? 0.6 : 0;
    }

    static boolean valid(String d) {
        int area = Integer.parseInt(d.substring(0, 3));
        int group = Integer.parseInt(d.substring(3, 5));
        int serial = Integer.parseInt(d.substring(5));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
                && !d.equals("078051120") && !d.equals("219099999");
    }
}
