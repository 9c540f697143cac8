package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * SWIFT/BIC codes (ISO 9362): eight or eleven capital letters and digits: a four-letter institution code, an ISO
 * 3166 country code, a two-character location and an optional three-character branch. Capitalised words can have
 * this shape ({@code BUSINESS}), so a code of letters only needs a context word ("SWIFT", "BIC", "bank", ...) to reach
 * the threshold; one with a digit in its location or branch is reported alone.
 */
final class SwiftCodeDetector implements Detector {

    private static final String TYPE = PiiType.SWIFT_CODE.name();

    private final Set<String> countries;

    SwiftCodeDetector(Set<String> countries) {
        this.countries = countries;
    }

    @Override
    public long needs() {
        return Needs.RUN_8;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        UpperTokens.scan(scan, 8, 11, (start, end) -> {
            int length = end - start;
            if (length != 8 && length != 11) {
                return;
            }
            for (int k = start; k < start + 6; k++) {
                if (!Chars.upper(scan.at(k))) {
                    return;
                }
            }
            if (!countries.contains(scan.text().substring(start + 4, start + 6))) {
                return;
            }
            double confidence = UpperTokens.hasDigit(scan, start + 6, end) ? 0.55 : 0.4;
            out.add(new Candidate(TYPE, start, end, confidence, false));
        });
    }
}
