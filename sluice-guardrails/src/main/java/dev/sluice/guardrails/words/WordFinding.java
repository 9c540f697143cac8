package dev.sluice.guardrails.words;

import dev.sluice.guardrails.Action;

/**
 * One listed word or phrase found in a text.
 *
 * @param match  the text as written there ({@code text.substring(start, end)})
 * @param start  the index of its first character (UTF-16 units)
 * @param end    the index just past its last character
 * @param list   which list it is on
 * @param action what the policy does with that list's words
 */
public record WordFinding(String match, int start, int end, WordList list, Action action) {

    /** The lists a word can come from; Bedrock calls them custom words and managed word lists. */
    public enum WordList {
        CUSTOM,
        PROFANITY
    }
}
