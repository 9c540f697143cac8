package dev.sluice.guardrails.pii.internal;

/**
 * The digit groups of a phone-like span: an optional {@code +}, then up to {@value #MAX_GROUPS} groups of up to 15
 * digits, each optionally in parentheses, joined by a space, hyphen or dot (or nothing after a closing parenthesis).
 * One instance is reused for every start in a text ({@link #parse}); confined to the checking thread.
 */
final class PhoneParse {

    static final int MAX_GROUPS = 8;
    /** Recorded as the separator before a group that directly follows a closing parenthesis. */
    static final char AFTER_PAREN = ')';

    final TextScan scan;
    boolean plus;
    private final int[] starts = new int[MAX_GROUPS];
    private final int[] ends = new int[MAX_GROUPS];
    private final int[] spanEnds = new int[MAX_GROUPS];
    private final boolean[] parens = new boolean[MAX_GROUPS];
    private final char[] separatorsBefore = new char[MAX_GROUPS];
    private int groups;

    PhoneParse(TextScan scan) {
        this.scan = scan;
    }

    /** Parses the span starting at {@code i}, replacing what this instance held; returns this. */
    PhoneParse parse(int i) {
        PhoneParse p = this;
        TextScan s = scan;
        p.groups = 0;
        p.plus = s.at(i) == '+';
        int j = p.plus ? i + 1 : i;
        char separator = '\0';
        while (p.groups < MAX_GROUPS) {
            boolean paren = s.peek(j) == '(';
            int k = paren ? j + 1 : j;
            int d = k;
            while (Chars.digit(s.peek(d)) && d - k <= 15) {
                d++;
            }
            if (d == k || d - k > 15 || (paren && s.peek(d) != ')')) {
                break;
            }
            int g = p.groups++;
            p.starts[g] = k;
            p.ends[g] = d;
            p.parens[g] = paren;
            p.separatorsBefore[g] = separator;
            j = paren ? d + 1 : d;
            p.spanEnds[g] = j;
            char c = s.peek(j);
            char next = s.peek(j + 1);
            if ((c == ' ' || c == '-' || c == '.' || c == '\u00A0') && (Chars.digit(next) || next == '(')) {
                separator = c == '\u00A0' ? ' ' : c;
                j++;
            } else if (paren && Chars.digit(c)) {
                separator = AFTER_PAREN;
            } else {
                break;
            }
        }
        return p;
    }

    int groups() {
        return groups;
    }

    /** The end of the span made of the first {@code count} groups. */
    int end(int count) {
        return spanEnds[count - 1];
    }

    int length(int group) {
        return ends[group] - starts[group];
    }

    boolean paren(int group) {
        return parens[group];
    }

    char separatorBefore(int group) {
        return separatorsBefore[group];
    }

    char firstDigit(int group) {
        return scan.at(starts[group]);
    }

    /** The digits of the first {@code count} groups. */
    String digits(int count) {
        StringBuilder b = new StringBuilder(16);
        for (int g = 0; g < count; g++) {
            b.append(scan.text(), starts[g], ends[g]);
        }
        return b.toString();
    }
}
