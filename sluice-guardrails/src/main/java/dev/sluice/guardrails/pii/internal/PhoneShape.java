package dev.sluice.guardrails.pii.internal;

/**
 * Which groupings of digits are telephone numbers, and how sure the grouping alone makes us:
 * <ul>
 *   <li>international: {@code +}, a country calling code (its own group unless the number is written whole), 8 to
 *       15 digits in all (E.164), a trunk {@code (0)} allowed; under +1 the rest must be a North American number:
 *       0.75 grouped, 0.7 whole;</li>
 *   <li>North American (NANP): optional {@code 1}, area code and exchange starting 2-9, 3-3-4 with one separator
 *       throughout or the area code in parentheses: 0.75;</li>
 *   <li>national: a trunk {@code 0}, 10 or 11 digits in two to five groups joined by spaces or hyphens: 0.55;</li>
 *   <li>bare: 10 or 11 digits in one group that are a NANP number (or a national one starting 0): 0.4, so a context
 *       word is needed.</li>
 * </ul>
 */
final class PhoneShape {

    private PhoneShape() { }

    /** The confidence that the first {@code count} groups of {@code p} are a phone number, or 0. */
    static double confidence(PhoneParse p, int count) {
        String digits = p.digits(count);
        if (p.plus) {
            return international(p, count, digits);
        }
        if (nanp(p, count, digits)) {
            return 0.75;
        }
        if (count == 1 && !p.paren(0)) {
            boolean nanpBare = (digits.length() == 10 && nanpNumber(digits))
                    || (digits.length() == 11 && digits.charAt(0) == '1' && nanpNumber(digits.substring(1)));
            boolean nationalBare = digits.charAt(0) == '0' && (digits.length() == 10 || digits.length() == 11);
            return nanpBare || nationalBare ? 0.4 : 0;
        }
        return national(p, count, digits) ? 0.55 : 0;
    }

    private static double international(PhoneParse p, int count, String digits) {
        int cc = CallingCodes.prefixLength(digits);
        if (cc == 0 || digits.length() < 8 || digits.length() > 15 || p.paren(0)) {
            return 0;
        }
        if (count > 1 && p.length(0) != cc) {
            return 0;
        }
        if (cc == 1 && digits.charAt(0) == '1') {
            String national = digits.substring(1);
            if (national.length() != 10 || !nanpNumber(national)) {
                return 0;
            }
        }
        for (int g = 1; g < count; g++) {
            if (p.paren(g) && !(g == 1 && p.length(1) == 1 && p.firstDigit(1) == '0') && !nanpArea(p, g, count)) {
                return 0;
            }
        }
        return count > 1 ? 0.75 : 0.7;
    }

    /** Whether group {@code g} is a parenthesised area code followed by a 3-4 exchange and line. */
    private static boolean nanpArea(PhoneParse p, int g, int count) {
        return count == g + 3 && p.length(g) == 3;
    }

    private static boolean nanp(PhoneParse p, int count, String digits) {
        int off = count == 4 && p.length(0) == 1 && digits.charAt(0) == '1' && !p.paren(0) ? 1 : 0;
        if (count - off != 3 || p.length(off) != 3 || p.length(off + 1) != 3 || p.length(off + 2) != 4
                || p.paren(off + 1) || p.paren(off + 2) || !nanpNumber(digits.substring(off))) {
            return false;
        }
        char toExchange = p.separatorBefore(off + 1);
        char toLine = p.separatorBefore(off + 2);
        if (p.paren(off)) {
            return (toExchange == ' ' || toExchange == PhoneParse.AFTER_PAREN || toExchange == '-') && toLine != '\0'
                    && toLine != PhoneParse.AFTER_PAREN;
        }
        return toExchange == toLine && (off == 0 || p.separatorBefore(1) == toExchange || p.separatorBefore(1) == ' ');
    }

    private static boolean national(PhoneParse p, int count, String digits) {
        if (digits.charAt(0) != '0' || digits.length() < 10 || digits.length() > 11 || count > 5
                || p.length(0) < 2 || p.length(0) > 5) {
            return false;
        }
        for (int g = 1; g < count; g++) {
            char sep = p.separatorBefore(g);
            boolean joined = sep == ' ' || sep == '-' || (g == 1 && p.paren(0) && sep == PhoneParse.AFTER_PAREN);
            if (!joined || p.paren(g)) {
                return false;
            }
        }
        return true;
    }

    /** Ten digits that are a North American number: area code and exchange both start with 2-9. */
    static boolean nanpNumber(String ten) {
        return ten.length() == 10 && ten.charAt(0) >= '2' && ten.charAt(3) >= '2';
    }
}
