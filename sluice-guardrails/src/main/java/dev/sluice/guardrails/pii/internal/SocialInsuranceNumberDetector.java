package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * Canadian Social Insurance numbers: nine digits, 3-3-3 with spaces or hyphens (reported alone) or bare (needs a
 * context word), passing Luhn, not starting with 0 or 8 (never issued to people).
 */
final class SocialInsuranceNumberDetector implements Detector {

    private static final String TYPE = PiiType.CA_SOCIAL_INSURANCE_NUMBER.name();

    @Override
    public long needs() {
        return Needs.DIGIT; // its formats are read from the digit runs
    }

    @Override
    public long runDigits() {
        return DigitRun.counts(9, 9); // nine digits, bare or 3-3-3
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        for (DigitRun run : scan.digitRuns()) {
            run.slices(3, (r, from, to) -> {
                boolean bare = from == to && r.length(from) == 9;
                boolean grouped = to - from == 2 && r.length(from) == 3 && r.length(from + 1) == 3
                        && r.length(to) == 3 && (r.separatedBy(from, to, ' ') || r.separatedBy(from, to, '-'));
                if (!bare && !grouped) {
                    return;
                }
                String digits = r.digits(scan, from, to);
                if (digits.charAt(0) != '0' && digits.charAt(0) != '8' && Checksums.luhn(digits)) {
                    out.add(new Candidate(TYPE, r.start(from), r.end(to), grouped ? 0.55 : 0.3, false));
                }
            });
        }
    }
}
