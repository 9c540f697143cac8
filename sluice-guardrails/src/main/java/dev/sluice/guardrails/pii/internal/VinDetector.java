package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * Vehicle identification numbers (ISO 3779): seventeen capital letters and digits, both present, without I, O or Q,
 * a model-year character (position 10) that is not U, Z or 0, and the North American check digit at position 9.
 * VINs from makers outside North America that leave the check digit out are not found.
 */
final class VinDetector implements Detector {

    private static final String TYPE = PiiType.VEHICLE_IDENTIFICATION_NUMBER.name();

    @Override
    public long needs() {
        return Needs.RUN_17;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        UpperTokens.scan(scan, 17, 17, (start, end) -> {
            for (int k = start; k < end; k++) {
                char c = scan.at(k);
                if (c == 'I' || c == 'O' || c == 'Q') {
                    return;
                }
            }
            char year = scan.at(start + 9);
            if (year == 'U' || year == 'Z' || year == '0' || !UpperTokens.hasLetter(scan, start, end)
                    || !UpperTokens.hasDigit(scan, start, end)) {
                return;
            }
            if (Checksums.vin(scan.text().substring(start, end))) {
                out.add(new Candidate(TYPE, start, end, 0.85, false));
            }
        });
    }
}
