package dev.sluice.guardrails.pii.internal;

import java.util.Locale;
import java.util.Set;

/**
 * Where the value that a cue labels starts, and how it is joined to the cue: by a separator ({@code password: x},
 * {@code pwd=x}, {@code "password": "x"}, {@code PIN #4821}), by a linking word ({@code my PIN is 4821},
 * {@code the password for the VPN is x}, {@code changed it to x}) or by nothing ({@code PIN 4821}). Reads a bounded
 * stretch after the cue (at most {@value #REACH} characters), so finding it is constant time per cue.
 *
 * @param start  the value's first character (after an opening quote, if any)
 * @param quote  the opening quote ({@code "}, {@code '} or a backtick) the value ends at, or NUL
 * @param join   how the value is joined to its cue
 */
record CueValue(int start, char quote, Join join) {

    /** How a value is joined to its cue, strongest first. */
    enum Join { SEPARATOR, LINK, BARE }

    /** How far after a cue its value may start. */
    static final int REACH = 48;

    private static final Set<String> LINKS = Set.of("is", "was", "are", "to", "now", "be", "will", "should",
            "remains", "becomes", "became", "reads", "equals", "still", "of", "has", "have", "been", "set",
            "changed", "reset", "est", "ist", "es");
    private static final Set<String> PREPOSITIONS = Set.of("for", "on", "to", "of", "at", "in", "from");

    /** The value after a cue ending at {@code cueEnd}, or null when nothing can start within reach. */
    static CueValue after(TextScan s, int cueEnd) {
        int limit = Math.min(s.length(), cueEnd + REACH);
        int j = cueEnd;
        if (quote(s.peek(j))) {
            j++; // the closing quote of a quoted key: "password": "x"
        }
        j = spaces(s, j, limit);
        Join join = Join.BARE;
        int sep = separator(s, j);
        if (sep > j) {
            join = Join.SEPARATOR;
            j = spaces(s, sep, limit);
        } else {
            int linked = link(s, j, limit);
            if (linked > j) {
                join = Join.LINK;
                j = spaces(s, linked, limit);
            }
        }
        if (j >= limit) {
            return null;
        }
        char q = s.at(j);
        if (quote(q)) {
            return j + 1 < s.length() ? new CueValue(j + 1, q, join) : null;
        }
        return new CueValue(j, '\0', join);
    }

    /** The end of a separator at {@code j} ({@code : = := => -> # -} and the full-width colon), or {@code j}. */
    private static int separator(TextScan s, int j) {
        char c = s.peek(j);
        char d = s.peek(j + 1);
        if ((c == ':' && d == '=') || (c == '=' && d == '>') || (c == '-' && d == '>')) {
            return j + 2;
        }
        if (c == ':' || c == '=' || c == '#' || c == '\uFF1A') {
            return j + 1;
        }
        return c == '-' && (d == ' ' || d == '\t') ? j + 1 : j;
    }

    /**
     * The end of a linking stretch at {@code j}, or {@code j} when there is none: up to four linking words ("is",
     * "was", "is now", "will be", "has been set to", "of"), or a preposition and up to four words before "is", "was" or a
     * separator ("for the VPN is", "on the form:"); then any separator.
     */
    private static int link(TextScan s, int j, int limit) {
        String first = word(s, j);
        int k = j + first.length();
        if (LINKS.contains(first)) {
            for (int more = 0; more < 3 && !first.equals("of") && !first.equals("to"); more++) {
                String next = word(s, spaces(s, k, limit));
                if (!LINKS.contains(next) || next.equals("of")) {
                    break;
                }
                k = spaces(s, k, limit) + next.length();
                if (next.equals("to")) {
                    break;
                }
            }
            return afterSeparator(s, k, limit);
        }
        if (!PREPOSITIONS.contains(first)) {
            return j;
        }
        for (int words = 0; words < 5 && k < limit; words++) {
            int at = spaces(s, k, limit);
            if (separator(s, at) > at) {
                return separator(s, at);
            }
            String w = word(s, at);
            if (w.isEmpty()) {
                return j;
            }
            k = at + w.length();
            if (w.equals("is") || w.equals("was")) {
                return afterSeparator(s, k, limit);
            }
        }
        return j;
    }

    private static int afterSeparator(TextScan s, int k, int limit) {
        int at = spaces(s, k, limit);
        int sep = separator(s, at);
        return sep > at ? sep : k;
    }

    /** The word (letters only) at {@code k}, in lower case; empty when none starts there. */
    private static String word(TextScan s, int k) {
        int e = k;
        while (e < s.length() && e - k < 12 && Character.isLetter(s.at(e))) {
            e++;
        }
        return e < s.length() && Character.isLetter(s.at(e)) ? "" : s.text().substring(k, e).toLowerCase(Locale.ROOT);
    }

    private static int spaces(TextScan s, int j, int limit) {
        int k = j;
        while (k < limit && (s.at(k) == ' ' || s.at(k) == '\t' || s.at(k) == '\u00A0')) {
            k++;
        }
        return k;
    }

    static boolean quote(char c) {
        return c == '"' || c == '\'' || c == '`' || c == '“' || c == '‘';
    }
}
