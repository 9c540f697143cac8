package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * US nine-digit numbers in the Social Security layout: AAA-GG-SSSS (hyphens 0.75, spaces 0.6), or nine bare digits
 * (0.3: they need a context word to reach the threshold), kept when the subclass's ranges accept the digits.
 */
abstract class AreaGroupSerialDetector implements Detector {

    private final String type;

    AreaGroupSerialDetector(PiiType type) {
        this.type = type.name();
    }

    /** Whether the nine digits are in the number's valid ranges. */
    abstract boolean accepts(String digits);

    @Override
    public final long runDigits() {
        return DigitRun.counts(9, 9); // nine digits, bare or 3-2-4
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final long needs() {
        return Needs.DIGIT; // its formats are read from the digit runs
    }

    @Override
    public final void detect(TextScan scan, List<Candidate> out) {
        for (DigitRun run : scan.digitRuns()) {
            run.slices(3, (r, from, to) -> {
                double confidence = shape(r, from, to);
                if (confidence > 0 && accepts(r.digits(scan, from, to))) {
                    out.add(new Candidate(type, r.start(from), r.end(to), confidence, false));
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
}
