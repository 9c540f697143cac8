package dev.sluice.guardrails.corpus;

import java.util.List;
import java.util.Random;

/** Seeded random choices for the corpus generator. */
final class Pick {

    private Pick() { }

    static <T> T one(Random r, List<T> items) {
        return items.get(r.nextInt(items.size()));
    }

    @SafeVarargs
    static <T> T one(Random r, T... items) {
        return items[r.nextInt(items.length)];
    }

    static String digits(Random r, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        return b.toString();
    }

    static String chars(Random r, String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** {@code digits} in groups of the given sizes joined by {@code sep} (the sizes must add up). */
    static String group(String digits, String sep, int... sizes) {
        StringBuilder b = new StringBuilder();
        int at = 0;
        for (int size : sizes) {
            if (at > 0) {
                b.append(sep);
            }
            b.append(digits, at, at + size);
            at += size;
        }
        return b.toString();
    }

    /** The Luhn check digit that completes {@code payload}. */
    static char luhnDigit(String payload) {
        int sum = 0;
        boolean twice = true;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    /** A digit other than {@code c}. */
    static char otherDigit(Random r, char c) {
        return (char) ('0' + ((c - '0') + 1 + r.nextInt(9)) % 10);
    }
}
