package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/** Card verification values: three or four digits standing alone, reported only with a context word nearby. */
final class CardCvvDetector implements Detector {

    private static final String TYPE = PiiType.CREDIT_DEBIT_CARD_CVV.name();

    @Override
    public long needs() {
        return Needs.DIGIT; // its formats are read from the digit runs
    }

    @Override
    public long runDigits() {
        return DigitRun.counts(3, 4); // a first group of three or four
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        for (DigitRun run : scan.digitRuns()) {
            run.slices(1, (r, from, to) -> {
                if (r.length(from) == 3 || r.length(from) == 4) {
                    out.add(new Candidate(TYPE, r.start(from), r.end(to), 0.5, true));
                }
            });
        }
    }
}
