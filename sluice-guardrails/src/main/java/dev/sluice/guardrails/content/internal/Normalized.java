package dev.sluice.guardrails.content.internal;

/**
 * A text made ready for the cue lexicon: its folded tokens, then, after a {@link #SEPARATOR} each, the tokens of every
 * base64 run that decoded to text.
 *
 * @param tokens lower-case tokens; CJK characters are one token each
 * @param decodedFrom index of the first token that came from a decoded run ({@code tokens.length} when none)
 * @param obfuscated whether the text hid words: zero-width or tag characters inside a word, letters from two scripts
 *     in one word, leetspeak, letters spelled out one by one, or an encoded run
 */
public record Normalized(String[] tokens, int decodedFrom, boolean obfuscated) {

    /** Between segments; matches no cue, and no gap crosses it. */
    public static final String SEPARATOR = "\u0000";
}
