package dev.sluice.guardrails.topics;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * MiniLM's tokenizer (BERT's uncased WordPiece) in plain Java, for the static screen: the native tokenizer's JNI
 * round trip costs milliseconds for 4 KB, which the screen cannot afford. The steps are the model's tokenizer
 * configuration: drop control characters and map white space to spaces; put spaces around CJK ideographs;
 * decompose and drop combining marks; lower-case; split at white space and around each punctuation character; then
 * cut each word into the longest pieces of the vocabulary, greedily from its start ({@code ##} marks a piece that
 * continues a word), a word that cannot be cut or is longer than {@value #MAX_WORD} characters being {@code [UNK]}.
 * {@code WordPiecesTest} checks it gives the native tokenizer's ids. Immutable and thread-safe.
 */
final class WordPieces {

    private static final int MAX_WORD = 100;
    private static final String CONTINUES = "##";
    private static final int CONTINUES_HASH = CONTINUES.hashCode();

    /**
     * The vocabulary as an open-addressing table (linear probing, at most half full) looked up by a span of the text:
     * the greedy cut tries prefixes of a word, and a substring per try was a third of the screen's time. A slot is
     * four ints in one array, {@code [hash, id + 1 (0: empty), start in pool, length]}, and the pieces' characters
     * are packed in {@code pool}: a look-up touches two places in memory, not a String and its bytes per probe.
     */
    private final int[] slots;
    private final char[] pool;
    private final int mask;
    private final int size;
    private final int unknown;

    /** @param vocab the tokenizer file's {@code model.vocab} object: piece to id (each piece once) */
    WordPieces(JsonNode vocab) {
        size = vocab.size();
        int capacity = Integer.highestOneBit(Math.max(size, 1) * 4);
        slots = new int[capacity * 4];
        mask = capacity - 1;
        StringBuilder chars = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            int hash = key.hashCode();
            int slot = slot(hash);
            while (slots[4 * slot + 1] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[4 * slot] = hash;
            slots[4 * slot + 1] = e.getValue().asInt() + 1;
            slots[4 * slot + 2] = chars.length();
            slots[4 * slot + 3] = key.length();
            chars.append(key);
        }
        pool = chars.toString().toCharArray();
        int unk = find("[UNK]".toCharArray(), 0, 5, false, "[UNK]".hashCode());
        if (unk < 0) {
            throw new IllegalStateException("the vocabulary has no [UNK]");
        }
        unknown = unk;
    }

    int size() {
        return size;
    }

    private int slot(int hash) {
        return (hash ^ (hash >>> 16)) & mask;
    }

    /**
     * The id of the piece {@code text[from, to)}, with {@code ##} before it when it {@code continues} a word, or -1;
     * {@code hash} is that piece's {@link String#hashCode()}.
     */
    private int find(char[] text, int from, int to, boolean continues, int hash) {
        int length = to - from;
        int offset = continues ? CONTINUES.length() : 0;
        for (int slot = slot(hash); slots[4 * slot + 1] != 0; slot = (slot + 1) & mask) {
            int at = 4 * slot;
            if (slots[at] == hash && slots[at + 3] == length + offset
                    && matches(slots[at + 2], continues, text, from, length)) {
                return slots[at + 1] - 1;
            }
        }
        return -1;
    }

    private boolean matches(int start, boolean continues, char[] text, int from, int length) {
        int p = start;
        if (continues) {
            if (pool[p] != '#' || pool[p + 1] != '#') {
                return false;
            }
            p += 2;
        }
        for (int i = 0; i < length; i++) {
            if (pool[p + i] != text[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** {@link String#hashCode()} of {@code text[from, to)} after the string whose hash is {@code seed}. */
    private static int hash(char[] text, int from, int to, int seed) {
        int h = seed;
        for (int i = from; i < to; i++) {
            h = 31 * h + text[i];
        }
        return h;
    }

    /** Passes each piece id of {@code text}, in order, to {@code out}; no special tokens. */
    void pieces(String text, PieceSink out) {
        char[] normal = normalize(text);
        int n = normal.length;
        int start = -1;
        for (int i = 0; i < n; i++) {
            char c = normal[i];
            if (c == ' ') {
                if (start >= 0) {
                    word(normal, start, i, out);
                    start = -1;
                }
            } else if (isPunctuation(c)) {
                if (start >= 0) {
                    word(normal, start, i, out);
                    start = -1;
                }
                word(normal, i, i + 1, out);
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            word(normal, start, n, out);
        }
    }

    /** Receives piece ids. */
    @FunctionalInterface
    interface PieceSink {
        void piece(int id);
    }

    private void word(char[] text, int from, int to, PieceSink out) {
        if (Character.codePointCount(text, from, to - from) > MAX_WORD) {
            out.piece(unknown);
            return;
        }
        int whole = find(text, from, to, false, hash(text, from, to, 0));
        if (whole >= 0) { // most words are a piece of their own
            out.piece(whole);
            return;
        }
        int[] found = new int[to - from];
        int count = 0;
        int start = from;
        while (start < to) {
            boolean continues = start != from;
            int id = -1;
            int end = to;
            while (end > start) {
                id = find(text, start, end, continues, hash(text, start, end, continues ? CONTINUES_HASH : 0));
                if (id >= 0) {
                    break;
                }
                end--;
            }
            if (id < 0) {
                out.piece(unknown);
                return;
            }
            found[count++] = id;
            start = end;
        }
        for (int i = 0; i < count; i++) {
            out.piece(found[i]);
        }
    }

    /**
     * Clean text, space CJK ideographs, strip accents, lower-case: BERT's normalizer for uncased models. ASCII text
     * is copied once, into the array returned.
     */
    private static char[] normalize(String text) {
        int n = text.length();
        char[] out = new char[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return normalizeUnicode(text).toCharArray();
            }
            if (c == '\t' || c == '\n' || c == '\r') {
                out[k++] = ' ';
            } else if (c >= 0x20 && c != 0x7F) { // the rest of ASCII's controls are dropped
                out[k++] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            }
        }
        return k == n ? out : java.util.Arrays.copyOf(out, k);
    }

    /** {@link #normalize} for text beyond ASCII. */
    private static String normalizeUnicode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (c == 0 || c == 0xFFFD || isControl(c)) {
                return;
            }
            if (c == '\t' || c == '\n' || c == '\r' || Character.getType(c) == Character.SPACE_SEPARATOR) {
                out.append(' ');
            } else if (isIdeograph(c)) {
                out.append(' ').appendCodePoint(c).append(' ');
            } else {
                out.appendCodePoint(c);
            }
        });
        String s = out.toString();
        boolean ascii = s.chars().allMatch(c -> c < 0x80);
        if (!ascii) {
            String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
            StringBuilder stripped = new StringBuilder(decomposed.length());
            decomposed.codePoints().filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                    .forEach(stripped::appendCodePoint);
            s = stripped.toString();
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.SURROGATE;
    }

    private static boolean isIdeograph(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }

    /** ASCII symbols count as punctuation, as in BERT, and so does every Unicode punctuation category. */
    private static boolean isPunctuation(char c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }
}
