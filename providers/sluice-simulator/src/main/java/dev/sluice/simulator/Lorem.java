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
        return String.join("", pieces(words, seed));
    }

    /**
     * The same filler as {@link #text}, cut where a BPE tokenizer's pre-tokenizer cuts it: each word with the space
     * before it ({@code " model"}, or {@code "The"} at the start), and each full stop on its own. Joined, the pieces
     * are {@link #text}; tokenized piece by piece they give exactly the tokens of the whole text, and the pieces come
     * from a small vocabulary, so their tokens can be looked up rather than computed.
     */
    static List<String> pieces(int words, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> out = new java.util.ArrayList<>(words + words / 6 + 2);
        int sentenceLeft = 0;
        for (int i = 0; i < words; i++) {
            String word = WORDS.get(random.nextInt(WORDS.size()));
            if (sentenceLeft == 0) {
                if (i > 0) {
                    out.add(".");
                }
                out.add((i > 0 ? " " : "") + CAPITALIZED.get(word));
                sentenceLeft = 6 + random.nextInt(10);
            } else {
                out.add(SPACED.get(word));
            }
            sentenceLeft--;
        }
        out.add(".");
        return out;
    }

    private static final java.util.Map<String, String> CAPITALIZED = WORDS.stream().distinct().collect(
            java.util.stream.Collectors.toUnmodifiableMap(w -> w,
                    w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)));
    private static final java.util.Map<String, String> SPACED = WORDS.stream().distinct().collect(
            java.util.stream.Collectors.toUnmodifiableMap(w -> w, w -> " " + w));
}
