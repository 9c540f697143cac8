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
 * @param ats how many {@code @}
 * @param firstDigit where the first ASCII digit is, or the text's length when it has none: scanners of numbers start
 *     there
 */
record CharCounts(int digits, int colons, int dashes, int dots, int upperOrDigitRun, int base64Run,
                  boolean upperPair, boolean dotsFiveApart, boolean wwwDot, int ats, int firstDigit) {

    private static final byte DIGIT = 1;
    private static final byte UPPER = 2;
    /** ASCII letters, digits, {@code +} and {@code /}. */
    private static final byte BASE64 = 4;
    /** What each ASCII char is, so that the count reads one table entry per char. */
    private static final byte[] KINDS = new byte[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            KINDS[c] = DIGIT | BASE64;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            KINDS[c] = UPPER | BASE64;
            KINDS[c + 32] = BASE64;
        }
        KINDS['+'] = BASE64;
        KINDS['/'] = BASE64;
    }

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
        int lastDot = -10;
        int ws = 0;
        int lastKind = 0;
        int ats = 0;
        int firstDigit = chars.length;
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            int kind = c < 128 ? KINDS[c] : 0;
            if (kind == 0) { // a run of either kind ends here
                upperOrDigitRun = Math.max(upperOrDigitRun, upperRun);
                base64Run = Math.max(base64Run, b64Run);
                upperRun = 0;
                b64Run = 0;
                if (c == ':') {
                    colons++;
                } else if (c == '-') {
                    dashes++;
                } else if (c == '.') {
                    dots++;
                    dotsFiveApart |= i - lastDot == 5;
                    lastDot = i;
                    wwwDot |= ws >= 3;
                } else if (c == '@') {
                    ats++;
                }
                ws = 0;
            } else {
                b64Run++;
                if ((kind & (DIGIT | UPPER)) != 0) {
                    upperRun++;
                    if ((kind & DIGIT) != 0 && digits++ == 0) {
                        firstDigit = i;
                    }
                    upperPair |= (kind & lastKind & UPPER) != 0;
                } else {
                    upperOrDigitRun = Math.max(upperOrDigitRun, upperRun);
                    upperRun = 0;
                }
                ws = (c | 0x20) == 'w' ? ws + 1 : 0;
            }
            lastKind = kind;
        }
        return new CharCounts(digits, colons, dashes, dots, Math.max(upperOrDigitRun, upperRun),
                Math.max(base64Run, b64Run), upperPair, dotsFiveApart, wwwDot, ats, firstDigit);
    }

    /** What the text holds as {@link Needs} bits: the formats it may hold a candidate of. */
    long features() {
        long f = 0;
        f |= digits >= 1 ? Needs.DIGIT : 0;
        f |= digits >= 2 ? Needs.DIGITS_2 : 0;
        f |= digits >= 4 && dots >= 3 ? Needs.DOTTED_QUAD : 0;
        f |= digits >= 7 ? Needs.DIGITS_7 : 0;
        f |= upperPair && digits >= 2 ? Needs.UPPER_PAIR_DIGITS_2 : 0;
        f |= upperPair && digits >= 6 ? Needs.UPPER_PAIR_DIGITS_6 : 0;
        f |= colons >= 2 ? Needs.COLONS_2 : 0;
        f |= colons + dashes >= 5 || dotsFiveApart ? Needs.MAC_SHAPE : 0;
        f |= colons > 0 || wwwDot ? Needs.URL_SHAPE : 0;
        f |= upperOrDigitRun >= 8 ? Needs.RUN_8 : 0;
        f |= upperOrDigitRun >= 17 ? Needs.RUN_17 : 0;
        f |= upperOrDigitRun >= 20 ? Needs.RUN_20 : 0;
        f |= base64Run >= 40 ? Needs.BASE64_40 : 0;
        f |= ats > 0 ? Needs.AT : 0;
        return f;
    }
}
