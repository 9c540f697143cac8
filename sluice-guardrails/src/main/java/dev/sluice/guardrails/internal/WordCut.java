package dev.sluice.guardrails.internal;

import java.util.Arrays;
import java.util.Objects;

/**
 * The words of one text (see {@link Words}), cut once and read by every phrase matcher that checks that text: the
 * word filter, the PII cue words and the PII context words look their keys up in one cut instead of each cutting the
 * text again. Per word it keeps the span, and for an ASCII word the hash of its key, so that a matcher's
 * {@link KeyHashes} can tell that a word is in none of its phrases without the key being built; a key that is built is
 * built once, whichever matcher asks first. The text is cut on first use. Confined to the checking thread.
 */
public final class WordCut {

    private final String text;
    private int size = -1;
    private int[] starts;
    private int[] ends;
    /** The key's hash of an ASCII word; for another word, its key must be built to be known. */
    private int[] hashes;
    private boolean[] ascii;
    private String[] keys;

    private WordCut(String text) {
        this.text = text;
    }

    /** The words of {@code text}, to be cut on first use. */
    public static WordCut of(String text) {
        return new WordCut(Objects.requireNonNull(text, "text"));
    }

    public String text() {
        return text;
    }

    /** How many words the text holds. */
    public int size() {
        cut();
        return size;
    }

    public int start(int i) {
        return starts[i];
    }

    public int end(int i) {
        return ends[i];
    }

    /** The first word that starts at or after {@code from}; {@link #size()} when none does. */
    public int firstFrom(int from) {
        cut();
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The key of word {@code i}, or null when its span is longer than {@code maxKeyLength} or, for an ASCII word,
     * when {@code known} (null: no such test) says that no phrase has it.
     */
    String key(int i, KeyHashes known, int maxKeyLength) {
        if (ends[i] - starts[i] > maxKeyLength) {
            return null;
        }
        String key = keys[i];
        if (key == null) {
            if (ascii[i] && known != null && !known.mayContain(hashes[i])) {
                return null;
            }
            key = Words.key(text, starts[i], ends[i], null);
            keys[i] = key;
        }
        return key;
    }

    private void cut() {
        if (size >= 0) {
            return;
        }
        // a word and its separator take five chars on average in prose, but numbers, addresses and codes cut into
        // short words: a quarter more room spares most texts the copies of growing (by doubling past 1,024)
        int capacity = Math.max(4, Math.min(1024, text.length() / 4 + 2));
        starts = new int[capacity];
        ends = new int[capacity];
        hashes = new int[capacity];
        ascii = new boolean[capacity];
        size = 0;
        Words.spans(text, 0, text.length(), (start, end) -> {
            if (size == starts.length) {
                int grown = size * 2;
                starts = Arrays.copyOf(starts, grown);
                ends = Arrays.copyOf(ends, grown);
                hashes = Arrays.copyOf(hashes, grown);
                ascii = Arrays.copyOf(ascii, grown);
            }
            int h = 0;
            boolean plain = true;
            for (int k = start; k < end && plain; k++) {
                char c = text.charAt(k);
                plain = c < 0x80;
                h = 31 * h + (c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            starts[size] = start;
            ends[size] = end;
            hashes[size] = h;
            ascii[size++] = plain;
        });
        keys = new String[size];
    }
}
