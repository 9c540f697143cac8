package dev.sluice.guardrails.pii;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.pii.internal.RegexSize;
import java.util.Objects;

/**
 * A custom sensitive-information pattern, matched with RE2/J: linear in the text whatever the pattern, so a pattern
 * cannot backtrack catastrophically; what RE2 cannot do in linear time (backreferences, lookaround, possessive
 * quantifiers) is refused when the record is made, and so is a pattern whose nested counted repetitions would expand
 * past {@value #MAX_EXPANDED_SIZE} atoms ({@code (((a{50}){50}){50}){50}}: RE2/J would compile it to millions of
 * instructions).
 *
 * @param name   names its findings and its placeholder ({@code {name}}); 1 to 100 letters, digits, {@code _} or
 *               {@code -}, and not a {@link PiiType} name
 * @param regex  the pattern, RE2 syntax, at most {@value #MAX_REGEX_LENGTH} characters; empty matches are ignored
 * @param action what to do with a match
 * @throws IllegalArgumentException naming the regex and what is wrong with it
 */
public record CustomRegex(String name, String regex, Action action) {

    /** Bedrock's limit on a custom pattern's length. */
    public static final int MAX_REGEX_LENGTH = 500;
    /** The largest expanded size (see {@link RegexSize}) a pattern may have. */
    public static final long MAX_EXPANDED_SIZE = 10_000;

    public CustomRegex {
        Objects.requireNonNull(action, "custom regex action");
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,100}")) {
            throw new IllegalArgumentException("custom regex name '" + name
                    + "': use 1 to 100 letters, digits, '_' or '-'");
        }
        for (PiiType type : PiiType.values()) {
            if (type.name().equalsIgnoreCase(name)) {
                throw new IllegalArgumentException("custom regex name '" + name + "' is a built-in entity type");
            }
        }
        if (regex == null || regex.isEmpty() || regex.length() > MAX_REGEX_LENGTH) {
            throw new IllegalArgumentException("custom regex '" + name + "': the pattern must have 1 to "
                    + MAX_REGEX_LENGTH + " characters");
        }
        long size = RegexSize.estimate(regex);
        if (size > MAX_EXPANDED_SIZE) {
            throw new IllegalArgumentException("custom regex '" + name + "': its repetitions expand to "
                    + (size == Long.MAX_VALUE ? "too many" : "about " + size) + " atoms, more than "
                    + MAX_EXPANDED_SIZE + "; use fewer or smaller counted repeats");
        }
        compile(name, regex);
    }

    /** The compiled pattern; thread-safe and shareable. */
    public Pattern pattern() {
        return compile(name, regex);
    }

    private static Pattern compile(String name, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("custom regex '" + name + "': " + e.getDescription()
                    + " (RE2 syntax: no backreferences, lookaround or possessive quantifiers)", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("custom regex '" + name + "': refused: " + e.getMessage(), e);
        }
    }
}
