package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;

/**
 * US Individual Taxpayer Identification Numbers: 9XX-YY-ZZZZ (hyphens or spaces), or nine bare digits (which need a
 * context word such as "ITIN" to reach the threshold), with the IRS's group ranges only: 50-65, 70-88, 90-92 and
 * 94-99. An ITIN has the SSN's shape in the area SSNs never use (900-999), so the two are never the same span.
 */
final class TaxpayerIdDetector extends AreaGroupSerialDetector {

    TaxpayerIdDetector() {
        super(PiiType.US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER);
    }

    @Override
    boolean accepts(String digits) {
        return valid(digits);
    }

    static boolean valid(String d) {
        int group = Integer.parseInt(d.substring(3, 5));
        boolean inRange = (group >= 50 && group <= 65) || (group >= 70 && group <= 88) || (group >= 90 && group <= 92)
                || group >= 94;
        return d.charAt(0) == '9' && inRange;
    }
}
