package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.internal.PhraseMatcher;
import dev.sluice.guardrails.pii.PiiType;
import java.util.List;
import java.util.Locale;

/**
 * Passwords: the value after a password cue ({@code password}, {@code pwd}, {@code passcode}, {@code mot de passe},
 * a config key such as {@code DB_PASSWORD} or {@code "password":}; {@code pass} and {@code pw} only before {@code :}
 * or {@code =}), and the password of a URL's user information ({@code postgres://app:s3cret@db}). The value runs to
 * its closing quote, or to white space, a {@code ;} or an {@code &name=} (connection strings, query strings), less trailing
 * punctuation. Not a value: common words ({@code password reset}, {@code the password is incorrect}), masks
 * ({@code ****}), placeholders and variables ({@code {PASSWORD}}, {@code ${DB_PASSWORD}}, {@code <password>}); with
 * no separator or linking word, only a value with a digit, a symbol or an inner capital ({@code password hunter2}).
 */
final class PasswordDetector implements Detector {

    private static final String TYPE = PiiType.PASSWORD.name();
    private static final int MIN = 3;
    private static final int MAX = 128;

    private final PhraseMatcher<Cues.Cue> cues;

    PasswordDetector(PhraseMatcher<Cues.Cue> cues) {
        this.cues = cues;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        for (PhraseMatcher.Hit<Cues.Cue> hit : Cues.of(PiiType.PASSWORD, scan.cues(cues))) {
            CueValue v = CueValue.after(scan, hit.end());
            if (v == null || (hit.payload().kind() == Cues.Kind.KEY && v.join() != CueValue.Join.SEPARATOR)) {
                continue;
            }
            int end = end(scan, v);
            if (end - v.start() >= MIN && end - v.start() <= MAX && accepted(scan, v, end)) {
                out.add(new Candidate(TYPE, v.start(), end, 0.8, false));
            }
        }
        UrlCredentials.find(scan, (user, password) -> {
            if (password != null) {
                out.add(new Candidate(TYPE, password[0], password[1], 0.8, false));
            }
        });
    }

    /** The value's end: its closing quote, or white space, {@code ;} or {@code &name=}, less trailing punctuation. */
    static int end(TextScan s, CueValue v) {
        int limit = Math.min(s.length(), v.start() + MAX + 1);
        int j = v.start();
        if (v.quote() != '\0') {
            char close = v.quote() == '“' ? '”' : v.quote() == '‘' ? '’' : v.quote();
            while (j < limit && s.at(j) != close && s.at(j) != '\n') {
                j++;
            }
            return j < s.length() && s.at(j) == close ? j : v.start();
        }
        while (j < limit && !Character.isWhitespace(s.at(j)) && s.at(j) != ';' && !nextParameter(s, j)) {
            j++;
        }
        while (j > v.start() && trailing(s.at(j - 1))) {
            j--;
        }
        return j;
    }

    /** An {@code &} that starts a query parameter ({@code &user=x}): a password may hold an {@code &}. */
    private static boolean nextParameter(TextScan s, int j) {
        if (s.at(j) != '&') {
            return false;
        }
        int k = j + 1;
        while (k < s.length() && k - j < 32 && (Chars.asciiAlnum(s.at(k)) || s.at(k) == '_')) {
            k++;
        }
        return k > j + 1 && s.peek(k) == '=';
    }

    private static boolean trailing(char c) {
        return c == '.' || c == ',' || c == ':' || c == ')' || c == ']' || c == '}' || c == '"' || c == '\''
                || c == '`' || c == '”' || c == '’';
    }

    private static boolean accepted(TextScan s, CueValue v, int end) {
        String value = s.text().substring(v.start(), end);
        if (ValueWords.NOT_SECRETS.contains(value.toLowerCase(Locale.ROOT)) || masked(value) || placeholder(value)) {
            return false;
        }
        return v.join() != CueValue.Join.BARE || v.quote() != '\0' || secretLike(value);
    }

    /** Stars, bullets, dots or x's only: a value already hidden. */
    private static boolean masked(String value) {
        return value.chars().allMatch(c -> c == '*' || c == '•' || c == '.' || c == 'x' || c == 'X' || c == '#');
    }

    /** A template slot, a variable or an already masked value, not a password. */
    private static boolean placeholder(String value) {
        char first = value.charAt(0);
        return first == '$' || first == '<' || first == '%' || (first == '{' && value.endsWith("}"))
                || value.startsWith("[") && value.endsWith("]");
    }

    /** A digit, a symbol, or a capital after the first letter: not an ordinary word. */
    static boolean secretLike(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isDigit(c) || (!Character.isLetter(c)) || (i > 0 && Character.isUpperCase(c))) {
                return true;
            }
        }
        return false;
    }
}
