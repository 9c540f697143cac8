package dev.sluice.api.error;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes secrets from text that came from elsewhere (an upstream's error message) before it reaches a caller, the
 * ledger, a trace or a log: every configured secret, and any run of {@value #FRAGMENT} or more of its characters (an
 * upstream may echo part of a key, or a masked key with its last characters); and whatever is shaped like a
 * credential whatever its source (bearer tokens, {@code sk-} keys, AWS access key ids, JWTs, {@code key=value} pairs
 * named like secrets, long random-looking tokens). Each becomes {@value #MASK}. Linear in the text's length (RE2/J,
 * and one hash lookup per position); thread-safe and immutable.
 */
public final class SecretScrubber {

    /** What a secret is replaced with. */
    public static final String MASK = "[redacted]";
    /** The shortest run of a configured secret's characters that is masked where it appears. */
    public static final int FRAGMENT = 8;
    /** Text past this length is not scanned for fragments (exact secrets and shapes still are). */
    private static final int MAX_FRAGMENT_SCAN = 64 * 1024;

    /** Only what is shaped like a credential. */
    public static final SecretScrubber SHAPES = new SecretScrubber(List.of());

    private static final List<Pattern> SHAPED = List.of(
            // key: value and key=value pairs whose name says secret; the name stays, the value goes
            Pattern.compile("(?i)((?:x-api-key|x-amz-security-token|api[_-]?key|access[_-]?key(?:[_-]?id)?|"
                    + "secret(?:[_-]?access)?(?:[_-]?key)?|client[_-]?secret|password|passwd|pwd|"
                    + "(?:session|security|access|refresh|id|auth)[_-]?token|token|authorization|credentials?|"
                    + "signature)[\"']?\\s*[:=]\\s*[\"']?)(?:(?:bearer|basic|aws4-hmac-sha256)\\s+)?"
                    + "[^\\s\"',;&]{4,}"),
            Pattern.compile("(?i)(\\b(?:bearer|basic)\\s+)[A-Za-z0-9._~+/=*-]{8,}"),
            Pattern.compile("()\\b(?:sk|rk|pk)-[A-Za-z0-9_*.-]{8,}"),
            Pattern.compile("()\\b(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\\b"),
            Pattern.compile("()\\bAIza[0-9A-Za-z_-]{30,}"),
            Pattern.compile("()\\b(?:ghp|gho|ghu|ghs|ghr|github_pat|glpat|xox[abprs])[_-][A-Za-z0-9_-]{16,}"),
            Pattern.compile("()\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{4,}"));
    /** A long run of token characters: masked when it holds both letters and digits (keys, not words). */
    private static final Pattern LONG_TOKEN = Pattern.compile("[A-Za-z0-9+/_=-]{40,}");

    private final List<String> secrets;
    private final Set<String> fragments;

    /** @param secrets the configured secrets (API keys, AWS secrets, the master key); shorter than 8 are ignored */
    public SecretScrubber(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= FRAGMENT).distinct()
                .sorted((a, b) -> b.length() - a.length()).toList();
        Set<String> f = new HashSet<>();
        for (String s : this.secrets) {
            for (int i = 0; i + FRAGMENT <= s.length(); i++) {
                f.add(s.substring(i, i + FRAGMENT));
            }
        }
        this.fragments = Set.copyOf(f);
    }

    /** The text without secrets; null stays null. */
    public String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        if (!fragments.isEmpty() && out.length() <= MAX_FRAGMENT_SCAN) {
            out = maskFragments(out);
        }
        for (Pattern p : SHAPED) {
            Matcher m = p.matcher(out);
            if (m.find()) {
                out = m.replaceAll("$1" + MASK);
            }
        }
        return maskLongTokens(out);
    }

    /** Masks every run of 8 or more characters that also occurs in a configured secret. */
    private String maskFragments(String text) {
        boolean[] masked = null;
        for (int i = 0; i + FRAGMENT <= text.length(); i++) {
            if (fragments.contains(text.substring(i, i + FRAGMENT))) {
                if (masked == null) {
                    masked = new boolean[text.length()];
                }
                for (int j = i; j < i + FRAGMENT; j++) {
                    masked[j] = true;
                }
            }
        }
        if (masked == null) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!masked[i]) {
                b.append(text.charAt(i));
            } else if (i == 0 || !masked[i - 1]) {
                b.append(MASK);
            }
        }
        return b.toString();
    }

    private static String maskLongTokens(String text) {
        Matcher m = LONG_TOKEN.matcher(text);
        StringBuilder b = null;
        int last = 0;
        while (m.find()) {
            String token = m.group();
            if (token.chars().anyMatch(Character::isDigit) && token.chars().anyMatch(Character::isLetter)) {
                if (b == null) {
                    b = new StringBuilder(text.length());
                }
                b.append(text, last, m.start()).append(MASK);
                last = m.end();
            }
        }
        if (b == null) {
            return text;
        }
        return b.append(text, last, text.length()).toString();
    }

    /** The same error with its message scrubbed, or the same instance when there was nothing to remove. */
    public GatewayError scrub(GatewayError error) {
        if (error == null || error.message() == null) {
            return error;
        }
        String clean = scrub(error.message());
        return clean.equals(error.message()) ? error : error.withMessage(clean);
    }
}
