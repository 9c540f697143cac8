package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.internal.PhraseMatcher;
import dev.sluice.guardrails.pii.PiiType;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * User names: the value after a user-name cue ({@code username}, {@code login}, {@code user id}, {@code handle};
 * {@code user}, {@code uid} only before {@code :} or {@code =}); an {@code @handle} within {@value #NEAR} characters
 * of a platform's name ("on Twitter", "GitHub", "DM me"; not a group mention such as {@code @here}); and the user of a URL's user information
 * ({@code postgres://app:...@db}). A value is 2-40 letters, digits, {@code . _ -} with a letter; never the local
 * part of an e-mail address (EMAIL owns those), never a common word ("login page", "username field"); with no
 * separator or linking word after "login" or "handle", only a value with a digit, {@code _}, {@code .} or {@code -}
 * ({@code login jdoe_42}, not {@code login Monday}).
 */
final class UsernameDetector implements Detector {

    private static final String TYPE = PiiType.USERNAME.name();
    private static final int MAX = 40;
    /** How far from a platform's name an {@code @handle} counts, in characters. */
    static final int NEAR = 40;
    private static final Set<String> DOMAINS = Set.of("com", "org", "net", "io", "co", "uk", "de", "fr", "dev",
            "app", "edu", "gov", "info");

    /** Chat platforms' group mentions, not anyone's name. */
    private static final Set<String> MENTIONS = Set.of("here", "channel", "everyone", "all", "room");

    private final PhraseMatcher<Cues.Cue> cues;

    UsernameDetector(PhraseMatcher<Cues.Cue> cues) {
        this.cues = cues;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        for (PhraseMatcher.Hit<Cues.Cue> hit : Cues.of(PiiType.USERNAME, scan.cues(cues))) {
            if (hit.payload().kind() == Cues.Kind.PLATFORM) {
                handles(scan, hit.start(), hit.end(), out);
                continue;
            }
            CueValue v = CueValue.after(scan, hit.end());
            if (v == null || (hit.payload().kind() == Cues.Kind.KEY && v.join() != CueValue.Join.SEPARATOR)) {
                continue;
            }
            int start = v.start() + (scan.peek(v.start()) == '@' ? 1 : 0);
            int end = end(scan, start);
            if (accepted(scan, v, start, end, loose(scan, hit))) {
                out.add(new Candidate(TYPE, start, end, 0.8, false));
            }
        }
        UrlCredentials.find(scan, (user, password) -> {
            if (user != null && user[1] - user[0] <= MAX) {
                out.add(new Candidate(TYPE, user[0], user[1], 0.8, false));
            }
        });
    }

    /** The end of a name starting at {@code start}: letters, digits, {@code . _ -}, less trailing dots and hyphens. */
    private static int end(TextScan s, int start) {
        int j = start;
        while (j < s.length() && j - start <= MAX && nameChar(s.at(j))) {
            j++;
        }
        while (j > start && (s.at(j - 1) == '.' || s.at(j - 1) == '-')) {
            j--;
        }
        return j;
    }

    private static boolean nameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-';
    }

    /** "login" and "handle" also begin ordinary phrases ("login Monday"): a bare value after them must look like one. */
    private static boolean loose(TextScan s, PhraseMatcher.Hit<Cues.Cue> hit) {
        String cue = s.text().substring(hit.start(), hit.end()).toLowerCase(Locale.ROOT);
        return cue.equals("login") || cue.equals("handle");
    }

    private static boolean accepted(TextScan s, CueValue v, int start, int end, boolean loose) {
        if (end - start < 2 || end - start > MAX || s.peek(end) == '@' || nameChar(s.peek(end))
                || (v.quote() != '\0' && s.peek(end) != v.quote())) {
            return false; // too short or long, an e-mail address, or cut short
        }
        String value = s.text().substring(start, end);
        if (!hasLetter(value) || ValueWords.NOT_SECRETS.contains(value.toLowerCase(Locale.ROOT))) {
            return false;
        }
        return v.join() != CueValue.Join.BARE || v.quote() != '\0' || !loose || handleLike(value);
    }

    /** The {@code @handle}s within {@link #NEAR} characters of a platform's name at {@code [from, to)}. */
    private static void handles(TextScan s, int from, int to, List<Candidate> out) {
        int end = Math.min(s.length(), to + NEAR);
        for (int i = Math.max(0, from - NEAR); i < end; i++) {
            if (s.at(i) != '@' || Chars.wordChar(s.peek(i - 1)) || s.peek(i - 1) == '.') {
                continue;
            }
            int j = i + 1;
            while (j < s.length() && j - i <= 40 && (Chars.asciiAlnum(s.at(j)) || "_.-".indexOf(s.at(j)) >= 0)) {
                j++;
            }
            while (j > i + 1 && (s.at(j - 1) == '.' || s.at(j - 1) == '-')) {
                j--;
            }
            String handle = s.text().substring(i + 1, j);
            if (handle.length() >= 2 && handle.length() <= 39 && hasLetter(handle) && !domain(handle)
                    && !MENTIONS.contains(handle.toLowerCase(Locale.ROOT))
                    && s.peek(j) != '@' && !Chars.wordChar(s.peek(j))) {
                out.add(new Candidate(TYPE, i + 1, j, 0.8, false));
            }
            i = j - 1;
        }
    }

    private static boolean domain(String handle) {
        int dot = handle.lastIndexOf('.');
        return dot >= 0 && DOMAINS.contains(handle.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean hasLetter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isLetter(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A digit, {@code _}, {@code .} or {@code -}: not an ordinary word. */
    private static boolean handleLike(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isDigit(c) || c == '_' || c == '.' || c == '-') {
                return true;
            }
        }
        return false;
    }
}
