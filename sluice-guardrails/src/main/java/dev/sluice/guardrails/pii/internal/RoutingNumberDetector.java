package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * US ABA routing numbers: nine bare digits whose first two are a Federal Reserve routing symbol (00-12, 21-32,
 * 61-72, 80) and that pass the 3-7-1 checksum. Nine bare digits are also many other things, so a routing number
 * needs a context word ("routing", "ABA", ...) to reach the threshold.
 */
final class RoutingNumberDetector implements Detector {

    private static final String TYPE = PiiType.US_BANK_ROUTING_NUMBER.name();

    @Override
    public long needs() {
        return Needs.DIGIT; // its formats are read from the digit runs
    }

    @Override
    public long runDigits() {
        return DigitRun.counts(9, 9); // nine digits in one group
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        for (DigitRun run : scan.digitRuns()) {
            run.slices(1, (r, from, to) -> {
                if (r.length(from) != 9) {
                    return;
                }
                String digits = r.digits(scan, from, to);
                int prefix = Integer.parseInt(digits.substring(0, 2));
                boolean federalReserve = prefix <= 12 || (prefix >= 21 && prefix <= 32)
                        || (prefix >= 61 && prefix <= 72) || prefix == 80;
                if (federalReserve && Checksums.aba(digits)) {
                    out.add(new Candidate(TYPE, r.start(from), r.end(to), 0.4, false));
                }
            });
        }
    }
}
