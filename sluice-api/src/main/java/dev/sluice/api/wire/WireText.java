package dev.sluice.api.wire;

/**
 * One text that a guardrail checks, read from a request's or an answer's bytes without decoding them: its value and
 * where its JSON string token is, so that a masked text can be put in its place.
 *
 * @param text the string's value (unescaped)
 * @param toolArguments whether the text is (a value inside) a tool call's arguments rather than prose
 * @param start byte offset of the string token (its opening quote), or -1 when the text is not one token of the
 *     body (a value inside a tool call's arguments string)
 * @param end byte offset just past the token, or -1
 */
public record WireText(String text, boolean toolArguments, int start, int end) {

    /** Whether the text is one string token of the body, which can be replaced in place. */
    public boolean inPlace() {
        return start >= 0 && end > start;
    }
}
