package dev.sluice.simulator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic filler text: the same seed always gives the same words. Sentences of common English words, so that
 * most words are one token and the text tokenizes like prose.
 */
final class Lorem {

    private static final List<String> WORDS = List.of(
            "the", "model", "answer", "gateway", "token", "stream", "request", "simple", "quick", "data", "cloud",
            "service", "river", "water", "light", "system", "value", "time", "people", "world", "small", "large",
            "open", "clear", "fast", "slow", "good", "new", "first", "last", "long", "great", "little", "right",
            "high", "different", "important", "public", "able", "and", "of", "to", "in", "for", "on", "with", "as",
            "at", "by", "from", "that", "this", "it", "is", "was", "are", "be", "has", "can", "will", "would");

    private Lorem() { }

    /**
     * At least {@code words} words of filler (callers cut it to an exact token count), in sentences of 6 to 15 words.
     */
    static String text(int words, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(words * 7);
        int sentenceLeft = 0;
        for (int i = 0; i < words; i++) {
            String word = WORDS.get(random.nextInt(WORDS.size()));
            if (sentenceLeft == 0) {
                if (i > 0) {
                    sb.append(". ");
                }
                sb.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
                sentenceLeft = 6 + random.nextInt(10);
            } else {
                sb.append(' ').append(word);
            }
            sentenceLeft--;
        }
        return sb.append('.').toString();
    }
}
