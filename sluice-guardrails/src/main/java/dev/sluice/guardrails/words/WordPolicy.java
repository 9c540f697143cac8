package dev.sluice.guardrails.words;

import dev.sluice.guardrails.Action;
import java.util.List;
import java.util.Objects;

/**
 * Which words to look for and what to do with them.
 *
 * @param words           custom words and phrases, each 1 to 100 characters holding at least one word (letters or
 *                        digits); at most {@value #MAX_WORDS}
 * @param wordsAction     BLOCK or NONE, for the custom words
 * @param profanity       whether to look for the managed profanity list's words
 * @param profanityAction BLOCK or NONE, for the profanity list
 * @throws IllegalArgumentException naming the field or word that is wrong
 */
public record WordPolicy(List<String> words, Action wordsAction, boolean profanity, Action profanityAction) {

    /** Bedrock's limit on custom words per guardrail. */
    public static final int MAX_WORDS = 10_000;

    public WordPolicy {
        words = words == null ? List.of() : List.copyOf(words);
        wordsAction = wordsAction == null ? Action.BLOCK : wordsAction;
        profanityAction = profanityAction == null ? Action.BLOCK : profanityAction;
        if (words.size() > MAX_WORDS) {
            throw new IllegalArgumentException("words: " + words.size() + " given, at most " + MAX_WORDS);
        }
        for (String word : words) {
            Objects.requireNonNull(word, "words: a word is null");
            if (word.isBlank() || word.length() > 100) {
                throw new IllegalArgumentException("words: '" + word + "' must have 1 to 100 characters");
            }
        }
        requireBlockOrNone(wordsAction, "wordsAction");
        requireBlockOrNone(profanityAction, "profanityAction");
    }

    /** Custom words only, blocked. */
    public static WordPolicy blocking(List<String> words) {
        return new WordPolicy(words, Action.BLOCK, false, Action.BLOCK);
    }

    /** The profanity list only, blocked. */
    public static WordPolicy profanityBlocked() {
        return new WordPolicy(List.of(), Action.BLOCK, true, Action.BLOCK);
    }

    private static void requireBlockOrNone(Action action, String field) {
        if (action == Action.ANONYMIZE) {
            throw new IllegalArgumentException(field + ": word filters take BLOCK or NONE, not ANONYMIZE");
        }
    }
}
