package dev.sluice.guardrails.internal;

import java.util.Collection;

/**
 * The {@link String#hashCode()}s of a set of word keys, to tell without building a key string that an ASCII word
 * is in no list (most words of most texts). A hit only says "maybe": the caller then builds the key and looks it up.
 * Open addressing over a power-of-two table; immutable once built and safe to share between threads.
 */
final class KeyHashes {

    private static final int EMPTY = 0;

    private final int[] table;
    private final boolean zero;
    private final int mask;

    KeyHashes(Collection<String> keys) {
        int size = Integer.highestOneBit(Math.max(4, keys.size() * 4) - 1) << 1;
        table = new int[size];
        mask = size - 1;
        boolean hasZero = false;
        for (String key : keys) {
            int h = key.hashCode();
            if (h == EMPTY) {
                hasZero = true;
                continue;
            }
            int at = spread(h) & mask;
            while (table[at] != EMPTY && table[at] != h) {
                at = (at + 1) & mask;
            }
            table[at] = h;
        }
        zero = hasZero;
    }

    /** Whether some key has hash {@code h}. */
    boolean mayContain(int h) {
        if (h == EMPTY) {
            return zero;
        }
        for (int at = spread(h) & mask; ; at = (at + 1) & mask) {
            int found = table[at];
            if (found == h) {
                return true;
            }
            if (found == EMPTY) {
                return false;
            }
        }
    }

    /**
     * The hash of the key of the ASCII word {@code text[start, end)}: the hash of its lower-cased characters, which is
     * what {@link Words} makes its key of.
     */
    static int asciiKeyHash(CharSequence text, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            h = 31 * h + (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        return h;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
