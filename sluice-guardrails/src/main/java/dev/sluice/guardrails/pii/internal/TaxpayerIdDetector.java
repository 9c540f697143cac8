package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * US Individual Taxpayer Identification Numbers: 9XX-YY-ZZZZ (hyphens or spaces), or nine bare digits (which need a
 * context word such as "ITIN" to reach the threshold), with the IRS's group ranges only: 50-65, 70-88, 90-92 and
 * 94-99. An ITIN has the SSN's shape in the area SSNs never use (900-999), so the two are never the same span.
 */
final class TaxpayerIdDetector implements Detector {

    private static final String TYPE = PiiType.US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER.name();

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
        int group = Integer.parseInt(d.substring(3, 5));
        boolean inRange = (group >= 50 && group <= 65) || (group >= 70 && group <= 88) || (group >= 90 && group <= 92)
                || group >= 94;
        return d.charAt(0) == '9' && inRange;
    }
}
