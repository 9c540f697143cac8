package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;

/**
 * US Social Security numbers: AAA-GG-SSSS (hyphens or spaces), or nine bare digits (which need a context word to
 * reach the threshold). Valid ranges only: no area 000, 666 or 900-999, no group 00, no serial 0000, and not the
 * numbers the SSA says were published as examples (078-05-1120, 219-09-9999).
 */
final class SocialSecurityNumberDetector extends AreaGroupSerialDetector {

    SocialSecurityNumberDetector() {
        super(PiiType.US_SOCIAL_SECURITY_NUMBER);
    }

    @Override
    boolean accepts(String digits) {
        return valid(digits);
    }

    static boolean valid(String d) {
        int area = Integer.parseInt(d.substring(0, 3));
        int group = Integer.parseInt(d.substring(3, 5));
        int serial = Integer.parseInt(d.substring(5));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
                && !d.equals("078051120") && !d.equals("219099999");
    }
}
