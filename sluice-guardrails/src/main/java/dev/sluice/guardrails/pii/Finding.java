package dev.sluice.guardrails.pii;

import dev.sluice.guardrails.Action;
import java.util.Objects;

/**
 * One piece of sensitive information found in a text.
 *
 * @param type       a {@link PiiType} name, or the name of the custom regex that matched
 * @param start      the index of its first character in the text (UTF-16 units, as {@link String#substring})
 * @param end        the index just past its last character
 * @param text       the matched text, {@code text.substring(start, end)} of the checked text
 * @param confidence in [0, 1]: the detector's confidence in the shape, raised or lowered by context words; custom
 *                   regexes report 1
 * @param action     what the policy does with this type
 */
public record Finding(String type, int start, int end, String text, double confidence, Action action) {

    public Finding {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(action, "action");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }
}
