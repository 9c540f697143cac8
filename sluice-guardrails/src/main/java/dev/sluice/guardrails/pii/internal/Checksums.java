package dev.sluice.guardrails.pii.internal;

/** The check-digit algorithms that formats define; each takes the digits or characters as a string. */
public final class Checksums {

    private Checksums() { }

    /** Luhn (ISO/IEC 7812): payment cards, Canadian SINs. */
    public static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** ISO 7064 mod 97-10 of an IBAN (letters and digits, no spaces): the first four moved last, must leave 1. */
    public static boolean ibanMod97(CharSequence iban) {
        int n = iban.length();
        long rest = 0;
        for (int k = 0; k < n; k++) {
            char c = iban.charAt((k + 4) % n);
            int v = Chars.digit(c) ? c - '0' : c - 'A' + 10;
            rest = (v >= 10 ? rest * 100 + v : rest * 10 + v) % 97;
        }
        return rest == 1;
    }

    /** ABA routing number: 3, 7, 1 weights over nine digits, sum divisible by 10. */
    public static boolean aba(CharSequence d) {
        int sum = 0;
        int[] weights = {3, 7, 1};
        for (int i = 0; i < 9; i++) {
            sum += weights[i % 3] * (d.charAt(i) - '0');
        }
        return sum % 10 == 0;
    }

    /** NHS number: weights 10 down to 2 on the first nine digits, 11 - (sum mod 11) is the tenth (11 means 0). */
    public static boolean nhsMod11(CharSequence d) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (10 - i) * (d.charAt(i) - '0');
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == d.charAt(9) - '0';
    }

    private static final String VIN_WEIGHTS = "8765432X098765432";

    /** VIN (ISO 3779, North America): transliterated values weighted, mod 11, at position 9 (10 written X). */
    public static boolean vin(CharSequence vin) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char w = VIN_WEIGHTS.charAt(i);
            sum += vinValue(vin.charAt(i)) * (w == 'X' ? 10 : w - '0');
        }
        int check = sum % 11;
        char expected = check == 10 ? 'X' : (char) ('0' + check);
        return vin.charAt(8) == expected;
    }

    /** A VIN character's value: digits as they are, letters by the ISO 3779 table (I, O and Q are not used). */
    static int vinValue(char c) {
        if (Chars.digit(c)) {
            return c - '0';
        }
        return switch (c) {
            case 'A', 'J' -> 1;
            case 'B', 'K', 'S' -> 2;
            case 'C', 'L', 'T' -> 3;
            case 'D', 'M', 'U' -> 4;
            case 'E', 'N', 'V' -> 5;
            case 'F', 'W' -> 6;
            case 'G', 'P', 'X' -> 7;
            case 'H', 'Y' -> 8;
            case 'R', 'Z' -> 9;
            default -> 0;
        };
    }
}
