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
    private char[] chars;
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

    /**
     * The text's chars, copied once and shared with every scanner of this text (an array read is the cheapest); not
     * to be written.
     */
    public char[] chars() {
        if (chars == null) {
            chars = text.toCharArray();
        }
        return chars;
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

    /** Whether the text was cut (for tests: a text that holds no listed word is never cut). */
    boolean wasCut() {
        return size >= 0;
    }

    /**
     * Whether some word of the text may be a key of {@code known}: false only when every word is ASCII and no word's
     * key hash is in {@code known} (then no phrase of that matcher can match here). Read from the cut once it is made;
     * before, in one pass over the chars that keeps nothing, so that a text holding no listed word (most texts) is
     * never cut. Exact for ASCII text: its words are the runs of ASCII letters and digits; any other char says maybe.
     */
    boolean mayHold(KeyHashes known) {
        if (size >= 0) {
            for (int i = 0; i < size; i++) {
                if (!ascii[i] || known.mayContain(hashes[i])) {
                    return true;
                }
            }
            return false;
        }
        char[] c = chars();
        int n = c.length;
        int i = 0;
        while (i < n) {
            char first = c[i];
            if (first >= 0x80) {
                return true;
            }
            if (ASCII_LOWER[first] == 0) {
                i++;
                continue;
            }
            int h = 0;
            int lower;
            while (i < n && c[i] < 0x80 && (lower = ASCII_LOWER[c[i]]) != 0) {
                h = 31 * h + lower;
                i++;
            }
            if (known.mayContain(h)) {
                return true; // a word that goes on past its ASCII chars returns at its next char
            }
        }
        return false;
    }

    private void cut() {
        if (size >= 0) {
            return;
        }
        char[] c = chars();
        int n = c.length;
        // a word and its separator take five chars on average in prose, but numbers, addresses and codes cut into
        // short words: a quarter more room spares most texts the copies of growing (by doubling past 1,024)
        int capacity = Math.max(4, Math.min(1024, n / 4 + 2));
        starts = new int[capacity];
        ends = new int[capacity];
        hashes = new int[capacity];
        ascii = new boolean[capacity];
        size = 0;
        // the words of Words.spans, read from the array with ASCII looked up in a table
        int i = 0;
        while (i < n) {
            char first = c[i];
            if (first < 0x80) {
                i = ASCII_LOWER[first] == 0 ? i + 1 : asciiWord(c, i);
                continue;
            }
            int cp = Character.isHighSurrogate(first) ? Character.codePointAt(c, i) : first;
            int len = Character.charCount(cp);
            if (!Words.wordPart(cp)) {
                i += len;
                continue;
            }
            int end = wordEnd(c, i + len);
            add(c, i, end);
            i = end;
        }
        keys = new String[size];
    }

    /**
     * Adds the word that starts with the ASCII word char at {@code start}, its ASCII chars read and hashed in one go;
     * a word that goes on past them (a non-ASCII part, an ignorable) is added as any other. Returns its end.
     */
    private int asciiWord(char[] c, int start) {
        int h = 0;
        int j = start;
        int lower;
        while (j < c.length && c[j] < 0x80 && (lower = ASCII_LOWER[c[j]]) != 0) {
            h = 31 * h + lower;
            j++;
        }
        if (j < c.length && c[j] >= 0x80) {
            int end = wordEnd(c, j);
            if (end > j) {
                add(c, start, end);
                return end;
            }
        }
        grow();
        starts[size] = start;
        ends[size] = j;
        hashes[size] = h;
        ascii[size++] = true;
        return j;
    }

    /** The end of the word whose first part ends at {@code j}: word parts, and ignorables between two of them. */
    private static int wordEnd(char[] c, int j) {
        int end = j;
        while (j < c.length) {
            char d = c[j];
            if (d < 0x80) {
                if (ASCII_LOWER[d] == 0) {
                    break;
                }
                end = ++j;
                continue;
            }
            int next = Character.isHighSurrogate(d) ? Character.codePointAt(c, j) : d;
            if (Words.wordPart(next)) {
                j += Character.charCount(next);
                end = j;
            } else if (Words.ignorable(next)) {
                j += Character.charCount(next);
            } else {
                break;
            }
        }
        return end;
    }

    /** Adds the word {@code c[start, end)} with, when it is ASCII, its key's hash (KeyHashes.asciiKeyHash). */
    private void add(char[] c, int start, int end) {
        grow();
        int h = 0;
        boolean plain = true;
        for (int k = start; k < end && plain; k++) {
            plain = c[k] < 0x80; // an ASCII char inside a word's span is a word char (wordEnd), so in the table
            h = plain ? 31 * h + ASCII_LOWER[c[k]] : h;
        }
        starts[size] = start;
        ends[size] = end;
        hashes[size] = h;
        ascii[size++] = plain;
    }

    /** Makes room for one more word. */
    private void grow() {
        if (size == starts.length) {
            int grown = size * 2;
            starts = Arrays.copyOf(starts, grown);
            ends = Arrays.copyOf(ends, grown);
            hashes = Arrays.copyOf(hashes, grown);
            ascii = Arrays.copyOf(ascii, grown);
        }
    }

    /** Each ASCII word char (a letter or digit) lower-cased, as its key has it; zero for the others. */
    private static final char[] ASCII_LOWER = new char[0x80];

    static {
        for (char c = '0'; c <= '9'; c++) {
            ASCII_LOWER[c] = c;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ASCII_LOWER[c] = c;
            ASCII_LOWER[c - 32] = c;
        }
    }
}
