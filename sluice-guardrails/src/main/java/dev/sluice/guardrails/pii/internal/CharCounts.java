package dev.sluice.guardrails.pii.internal;

/**
 * What a text holds at all, counted in one pass, so that a detector whose format needs more than the text has skips
 * it without scanning (see {@link TextScan#counts}). Each bound a detector tests is its format's own minimum, so no
 * candidate is lost.
 *
 * @param digits how many ASCII digits
 * @param colons how many {@code :}
 * @param dashes how many {@code -}
 * @param dots how many {@code .}
 * @param upperOrDigitRun the length of the longest run of ASCII capitals and digits
 * @param base64Run the length of the longest run of base64 characters (ASCII letters and digits, {@code +}, {@code /})
 * @param upperPair whether two ASCII capitals stand side by side somewhere
 * @param dotsFiveApart whether two dots stand five characters apart somewhere (a MAC address {@code 0a1b.2c3d.4e5f})
 * @param wwwDot whether {@code www.} (any case) occurs somewhere
 */
record CharCounts(int digits, int colons, int dashes, int dots, int upperOrDigitRun, int base64Run,
                  boolean upperPair, boolean dotsFiveApart, boolean wwwDot) {

    static CharCounts of(char[] chars) {
        int digits = 0;
        int colons = 0;
        int dashes = 0;
        int dots = 0;
        int upperOrDigitRun = 0;
        int base64Run = 0;
        boolean upperPair = false;
        boolean dotsFiveApart = false;
        boolean wwwDot = false;
        int upperRun = 0;
        int b64Run = 0;
        boolean lastUpper = false;
        int lastDot = -10;
        int ws = 0;
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            boolean digit = c >= '0' && c <= '9';
            boolean upper = c >= 'A' && c <= 'Z';
            boolean letter = upper || (c >= 'a' && c <= 'z');
            if (digit) {
                digits++;
            } else if (c == ':') {
                colons++;
            } else if (c == '-') {
                dashes++;
            } else if (c == '.') {
                dots++;
                dotsFiveApart |= i - lastDot == 5;
                lastDot = i;
                wwwDot |= ws >= 3;
            }
            ws = c == 'w' || c == 'W' ? ws + 1 : 0;
            upperRun = upper || digit ? upperRun + 1 : 0;
            upperOrDigitRun = Math.max(upperOrDigitRun, upperRun);
            b64Run = letter || digit || c == '+' || c == '/' ? b64Run + 1 : 0;
            base64Run = Math.max(base64Run, b64Run);
            upperPair |= upper && lastUpper;
            lastUpper = upper;
        }
        return new CharCounts(digits, colons, dashes, dots, upperOrDigitRun, base64Run, upperPair, dotsFiveApart,
                wwwDot);
    }
}
