package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * US passport numbers: nine digits (books issued before 2021) or one capital letter and eight digits (the current
 * series), standing alone; reported only with a context word ("passport", ...) nearby, since the shape says little.
 */
final class PassportNumberDetector implements Detector {

    private static final String TYPE = PiiType.US_PASSPORT_NUMBER.name();

    @Override
    public long needs() {
        return Needs.DIGIT; // its formats are read from the digit runs
    }

    @Override
    public long runDigits() {
        return DigitRun.counts(8, 9); // nine digits, or eight after a letter
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        for (DigitRun run : scan.digitRuns()) {
            run.slices(1, (r, from, to) -> {
                if (r.length(from) == 9) {
                    out.add(new Candidate(TYPE, r.start(from), r.end(to), 0.5, true));
                }
            });
            if (run.groups() == 1 && run.length(0) == 8 && Chars.aloneAfter(scan, run.end(0))) {
                int letter = run.start(0) - 1;
                if (Chars.upper(scan.peek(letter)) && Chars.aloneBefore(scan, letter)) {
                    out.add(new Candidate(TYPE, letter, run.end(0), 0.5, true));
                }
            }
        }
    }
}
