package dev.sluice.guardrails.pii.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An upper estimate of how large a regex becomes once RE2 expands its counted repetitions: each atom counts 1,
 * a group the sum of what it holds, and {@code x{n,m}} {@code m} times {@code x}. RE2/J refuses a single count over
 * 1000 but not nested ones, and {@code (((a{50}){50}){50}){50}} compiles to millions of instructions (seconds and
 * hundreds of megabytes), so custom patterns are measured before they are compiled. Linear in the pattern's length.
 */
public final class RegexSize {

    private RegexSize() { }

    /** The estimated expanded size of {@code regex}, saturating at {@link Long#MAX_VALUE}. */
    public static long estimate(String regex) {
        Deque<long[]> groups = new ArrayDeque<>(); // per open group: {size so far}
        long[] top = {0};
        long last = 0;
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            int repeat = c == '{' ? repeatEnd(regex, i) : -1;
            if (repeat > 0) {
                long times = repeatMax(regex.substring(i + 1, repeat - 1));
                top[0] = add(top[0], multiply(last, times - 1));
                last = multiply(last, times);
                i = repeat;
                continue;
            }
            switch (c) {
                case '(' -> {
                    int end = flagsOnly(regex, i);
                    if (end > 0) {
                        i = end;
                        continue;
                    }
                    groups.push(top);
                    top = new long[] {0};
                    i = groupBodyStart(regex, i);
                    last = 0;
                    continue;
                }
                case ')' -> {
                    long size = add(top[0], 1);
                    top = groups.isEmpty() ? new long[] {0} : groups.pop();
                    top[0] = add(top[0], size);
                    last = size;
                }
                case '*', '+', '?', '|' -> last = c == '|' ? 0 : last;
                case '[' -> {
                    i = classEnd(regex, i);
                    top[0] = add(top[0], 1);
                    last = 1;
                    continue;
                }
                case '\\' -> {
                    i = escapeEnd(regex, i);
                    top[0] = add(top[0], 1);
                    last = 1;
                    continue;
                }
                default -> {
                    top[0] = add(top[0], 1);
                    last = 1;
                }
            }
            i++;
        }
        while (!groups.isEmpty()) {
            long size = top[0];
            top = groups.pop();
            top[0] = add(top[0], size);
        }
        return top[0];
    }

    /** The index after a {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code i}, or -1 if there is none. */
    private static int repeatEnd(String r, int i) {
        int j = i + 1;
        int digits = 0;
        while (j < r.length() && Character.isDigit(r.charAt(j))) {
            j++;
            digits++;
        }
        if (digits == 0) {
            return -1;
        }
        if (j < r.length() && r.charAt(j) == ',') {
            j++;
            while (j < r.length() && Character.isDigit(r.charAt(j))) {
                j++;
            }
        }
        return j < r.length() && r.charAt(j) == '}' ? j + 1 : -1;
    }

    private static long repeatMax(String body) {
        int comma = body.indexOf(',');
        String max = comma < 0 ? body : comma == body.length() - 1 ? body.substring(0, comma) : body.substring(comma + 1);
        try {
            return Math.max(1, Long.parseLong(max) + (comma == body.length() - 1 ? 1 : 0));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The index after a flags-only group such as {@code (?i)}, or -1 if the group at {@code i} holds a pattern. */
    private static int flagsOnly(String r, int i) {
        if (i + 1 >= r.length() || r.charAt(i + 1) != '?') {
            return -1;
        }
        int j = i + 2;
        while (j < r.length() && (Character.isLetter(r.charAt(j)) || r.charAt(j) == '-')) {
            j++;
        }
        return j < r.length() && r.charAt(j) == ')' && j > i + 2 ? j + 1 : -1;
    }

    /** Where the pattern of the group opening at {@code i} starts (after {@code (?:}, {@code (?P<name>}, ...). */
    private static int groupBodyStart(String r, int i) {
        if (i + 1 >= r.length() || r.charAt(i + 1) != '?') {
            return i + 1;
        }
        int colon = r.indexOf(':', i);
        int close = r.indexOf('>', i);
        int end = colon < 0 ? close : close < 0 ? colon : Math.min(colon, close);
        return end < 0 ? r.length() : end + 1;
    }

    private static int classEnd(String r, int i) {
        int j = i + 1;
        if (j < r.length() && r.charAt(j) == '^') {
            j++;
        }
        if (j < r.length() && r.charAt(j) == ']') {
            j++;
        }
        while (j < r.length() && r.charAt(j) != ']') {
            j = r.charAt(j) == '\\' ? j + 2 : r.startsWith("[:", j) && r.indexOf(":]", j) > 0 ? r.indexOf(":]", j) + 2 : j + 1;
        }
        return Math.min(r.length(), j + 1);
    }

    private static int escapeEnd(String r, int i) {
        int j = i + 1;
        if (j >= r.length()) {
            return j;
        }
        char e = r.charAt(j);
        if ((e == 'p' || e == 'P' || e == 'x') && j + 1 < r.length() && r.charAt(j + 1) == '{') {
            int close = r.indexOf('}', j);
            return close < 0 ? r.length() : close + 1;
        }
        return j + 1;
    }

    private static long add(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    private static long multiply(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
