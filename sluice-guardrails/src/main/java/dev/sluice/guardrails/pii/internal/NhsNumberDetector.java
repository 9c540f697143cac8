package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * UK NHS numbers: ten digits, 3-3-4 with spaces or hyphens or bare, passing the modulus 11 check. Ten digits are also
 * a phone number's shape, so an NHS number needs a context word ("NHS", "patient", ...) to reach the threshold.
 */
final class NhsNumberDetector implements Detector {

    private static final String TYPE = PiiType.UK_NATIONAL_HEALTH_SERVICE_NUMBER.name();

    @Override
    public long needs() {
        return Needs.DIGIT; // its formats are read from the digit runs
    }

    @Override
    public long runDigits() {
        return DigitRun.counts(10, 10); // ten digits, bare or 3-3-4
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        for (DigitRun run : scan.digitRuns()) {
            run.slices(3, (r, from, to) -> {
                boolean bare = from == to && r.length(from) == 10;
                boolean grouped = to - from == 2 && r.length(from) == 3 && r.length(from + 1) == 3
                        && r.length(to) == 4 && (r.separatedBy(from, to, ' ') || r.separatedBy(from, to, '-'));
                if ((bare || grouped) && Checksums.nhsMod11(r.digits(scan, from, to))) {
                    out.add(new Candidate(TYPE, r.start(from), r.end(to), grouped ? 0.45 : 0.4, false));
                }
            });
        }
    }
}
