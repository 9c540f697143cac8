package dev.sluice.simulator;

import java.util.AbstractList;
import java.util.List;

/**
 * Tokens of text past the exactly tokenized allowance ({@link Tokenizer}), by estimate: the text is cut into runs of
 * whole characters of at least {@value #BYTES_PER_TOKEN} bytes of UTF-8 (the last run may be shorter), one token
 * each. That is the byte count over four, rounded up, for ASCII text, and close to it otherwise. Counting is one
 * linear pass that allocates nothing, however long the text; splitting keeps one int per run and cuts the chunk
 * strings only when they are read.
 */
final class TokenEstimate {

    static final int BYTES_PER_TOKEN = 4;

    private TokenEstimate() { }

    /** The estimated tokens of {@code text} from char index {@code from}. */
    static int count(String text, int from) {
        int tokens = 0;
        for (int i = from; i < text.length(); i = runEnd(text, i)) {
            tokens++;
        }
        return tokens;
    }

    /** {@code text} from char index {@code from} in estimated token chunks, at most {@code limit} of them. */
    static Tokenizer.Tokens split(String text, int from, int limit) {
        int n = 0;
        int end = from;
        while (end < text.length() && n < limit) {
            end = runEnd(text, end);
            n++;
        }
        int runs = n;
        int[] starts = new int[runs + 1];
        starts[0] = from;
        for (int k = 1; k <= runs; k++) {
            starts[k] = runEnd(text, starts[k - 1]);
        }
        List<String> chunks = new AbstractList<>() {
            @Override
            public String get(int k) {
                return text.substring(starts[k], starts[k + 1]);
            }

            @Override
            public int size() {
                return runs;
            }
        };
        return new Tokenizer.Tokens(chunks, runs, end < text.length());
    }

    /** The bytes of UTF-8 of the character at {@code i} (a surrogate pair counts as one character of four bytes). */
    static int utf8Width(String text, int i) {
        char c = text.charAt(i);
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
        return pair ? 4 : 3;
    }

    /** The chars of a character of {@code utf8Width} bytes. */
    static int chars(int utf8Width) {
        return utf8Width == 4 ? 2 : 1;
    }

    private static int runEnd(String text, int start) {
        int i = start;
        int bytes = 0;
        while (i < text.length() && bytes < BYTES_PER_TOKEN) {
            int width = utf8Width(text, i);
            bytes += width;
            i += chars(width);
        }
        return i;
    }
}
