package dev.sluice.guardrails.pii.internal;

import java.util.Set;

/**
 * ITU-T E.164 country calling codes. Codes are prefix-free: 1 and 7 are one digit, the two-digit codes are listed,
 * and every other assigned code has three digits whose first two are not a code.
 */
final class CallingCodes {

    private static final Set<String> TWO_DIGITS = Set.of("20", "27", "30", "31", "32", "33", "34", "36", "39", "40",
            "41", "43", "44", "45", "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61",
            "62", "63", "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");

    private CallingCodes() { }

    /** The length of the calling code that {@code digits} starts with, or 0 when it starts with none. */
    static int prefixLength(String digits) {
        if (digits.isEmpty() || digits.charAt(0) == '0') {
            return 0;
        }
        if (digits.charAt(0) == '1' || digits.charAt(0) == '7') {
            return 1;
        }
        if (digits.length() >= 2 && TWO_DIGITS.contains(digits.substring(0, 2))) {
            return 2;
        }
        return digits.length() >= 3 ? 3 : 0;
    }
}
