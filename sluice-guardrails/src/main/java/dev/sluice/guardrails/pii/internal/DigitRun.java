package dev.sluice.guardrails.pii.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A maximal run of ASCII digit groups joined by single separators (a space, a no-break space, a hyphen or a dot), such
 * as {@code 4111 1111 1111 1111} or {@code 123-45-6789}. Number detectors look at slices of a run: a slice starts
 * where the run starts (if nothing before makes it part of a word or a larger number: the groups of an IBAN or a
 * longer list are not read as a card) and ends where the run ends or before a space, so {@code 123-45-6789} is
 * considered whole and {@code 4111 1111 1111 1111 123} also as its first four groups.
 */
public final class DigitRun {

    /** Receives a slice [from, to] of groups that can stand alone. */
    @FunctionalInterface
    public interface SliceVisitor {
        void slice(DigitRun run, int from, int to);
    }

    private final int[] starts;
    private final int[] ends;
    private final char[] separators;
    private final boolean aloneBefore;
    private final boolean aloneAfter;

    private DigitRun(int[] starts, int[] ends, char[] separators, boolean aloneBefore, boolean aloneAfter) {
        this.starts = starts;
        this.ends = ends;
        this.separators = separators;
        this.aloneBefore = aloneBefore;
        this.aloneAfter = aloneAfter;
    }

    /**
     * Every run in the text that has a group of three or more digits, left to right; no number format here is made
     * of shorter groups only, and skipping them keeps texts such as {@code 1 1 1 ...} cheap.
     */
    static List<DigitRun> scan(TextScan s) {
        List<DigitRun> runs = new ArrayList<>();
        int n = s.length();
        int i = s.firstDigit();
        while (i < n) {
            if (!Chars.digit(s.at(i))) {
                i++;
                continue;
            }
            i = scanRun(s, i, runs);
        }
        return runs;
    }

    private static int scanRun(TextScan s, int start, List<DigitRun> runs) {
        int[] st = new int[4];
        int[] en = new int[4];
        char[] sep = new char[4];
        int groups = 0;
        int i = start;
        while (true) {
            int g = i;
            while (i < s.length() && Chars.digit(s.at(i))) {
                i++;
            }
            if (groups == st.length) {
                st = Arrays.copyOf(st, groups * 2);
                en = Arrays.copyOf(en, groups * 2);
                sep = Arrays.copyOf(sep, groups * 2);
            }
            st[groups] = g;
            en[groups] = i;
            char c = s.peek(i);
            boolean joins = (c == ' ' || c == '\u00A0' || c == '-' || c == '.') && Chars.digit(s.peek(i + 1));
            sep[groups++] = c == '\u00A0' ? ' ' : c;
            if (!joins) {
                break;
            }
            i++;
        }
        int longest = 0;
        for (int g = 0; g < groups; g++) {
            longest = Math.max(longest, en[g] - st[g]);
        }
        if (longest >= 3) {
            runs.add(new DigitRun(Arrays.copyOf(st, groups), Arrays.copyOf(en, groups), Arrays.copyOf(sep, groups),
                    Chars.aloneBefore(s, start), Chars.aloneAfter(s, i)));
        }
        return i;
    }

    /** The counts {@code min} to {@code max} (at most 62) as bits: {@code 1L << n} for n digits. */
    static long counts(int min, int max) {
        return (-1L >>> (63 - max)) & (-1L << min);
    }

    /**
     * The digit counts of every run's first groups, one group, two, and so on, as bits ({@link #counts}); a count
     * past 62 is bit 63.
     */
    static long prefixCounts(List<DigitRun> runs) {
        long bits = 0;
        for (DigitRun run : runs) {
            int count = 0;
            for (int g = 0; g < run.groups(); g++) {
                count += run.length(g);
                bits |= 1L << Math.min(count, 63);
            }
        }
        return bits;
    }

    public int groups() {
        return starts.length;
    }

    public int start(int group) {
        return starts[group];
    }

    public int end(int group) {
        return ends[group];
    }

    public int length(int group) {
        return ends[group] - starts[group];
    }

    /** The separator after {@code group} (meaningless after the last). */
    public char separatorAfter(int group) {
        return separators[group];
    }

    /** Whether the separators between groups {@code from} and {@code to} are all {@code c} (true for one group). */
    public boolean separatedBy(int from, int to, char c) {
        for (int g = from; g < to; g++) {
            if (separators[g] != c) {
                return false;
            }
        }
        return true;
    }

    public int digitCount(int from, int to) {
        int count = 0;
        for (int g = from; g <= to; g++) {
            count += length(g);
        }
        return count;
    }

    /** The digits of groups {@code from} to {@code to}, separators left out. */
    public String digits(TextScan s, int from, int to) {
        StringBuilder b = new StringBuilder(digitCount(from, to));
        for (int g = from; g <= to; g++) {
            b.append(s.text(), starts[g], ends[g]);
        }
        return b.toString();
    }

    /** Whether a slice may end at {@code group}: at the run's end if it stands alone there, else before a space. */
    public boolean canEndAt(int group) {
        return group == groups() - 1 ? aloneAfter : separators[group] == ' ';
    }

    /** Visits every slice of at most {@code maxGroups} groups from the run's start that can stand alone. */
    public void slices(int maxGroups, SliceVisitor visitor) {
        if (!aloneBefore) {
            return;
        }
        for (int to = 0; to < Math.min(groups(), maxGroups); to++) {
            if (canEndAt(to)) {
                visitor.slice(this, 0, to);
            }
        }
    }
}
