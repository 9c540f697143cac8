package dev.sluice.guardrails.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts text into words: maximal runs of Unicode letters, digits and combining marks. Characters that render as
 * nothing (zero-width space and joiners, word joiner, soft hyphen, byte-order mark, variation selectors) neither end a
 * word nor belong to its key, so {@code f\u200Boo} is the word {@code foo}. Each word has a key for comparison: NFKC
 * (full-width and compatibility forms folded) and case-folded ({@code Straße} and {@code STRASSE} share one key).
 * Lone surrogates and control characters (NUL included) separate words. Linear in the text; stateless.
 */
public final class Words {

    /** Receives each word in order: its span in the text and its key, or null when longer than asked for. */
    @FunctionalInterface
    public interface Sink {
        void word(int start, int end, String key);
    }

    private Words() { }

    /**
     * Calls {@code sink} for every word of {@code text}, left to right. A word whose span is longer than
     * {@code maxKeyLength} characters gets a null key (no list holds it, and building it would cost for nothing).
     */
    public static void scan(CharSequence text, int maxKeyLength, Sink sink) {
        scan(text, 0, text.length(), maxKeyLength, sink);
    }

    /**
     * Like {@link #scan(CharSequence, int, Sink)} over {@code text[from, to)} only (a word cut by the range's edges
     * is seen cut); spans are indexes into the whole text.
     */
    public static void scan(CharSequence text, int from, int to, int maxKeyLength, Sink sink) {
        scan(text, from, to, maxKeyLength, null, sink);
    }

    /**
     * Like {@link #scan(CharSequence, int, int, int, Sink)}, but an ASCII word whose key's hash is not in
     * {@code known} gets a null key without the key being built: it cannot be one of the keys {@code known} was made
     * of. Null {@code known} builds every key.
     */
    static void scan(CharSequence text, int from, int to, int maxKeyLength, KeyHashes known, Sink sink) {
        spans(text, from, to, (start, end) ->
                sink.word(start, end, end - start <= maxKeyLength ? key(text, start, end, known) : null));
    }

    /** Receives each word's span, in order. */
    @FunctionalInterface
    interface Spans {
        void word(int start, int end);
    }

    /** Calls {@code sink} with the span of every word of {@code text[from, to)}, left to right. */
    static void spans(CharSequence text, int from, int to, Spans sink) {
        int n = to;
        int i = from;
        while (i < n) {
            char c = text.charAt(i);
            int cp = Character.isHighSurrogate(c) && i + 1 < n ? Character.codePointAt(text, i) : c;
            if (!wordPart(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            int end = i + Character.charCount(cp);
            int j = end;
            while (j < n) {
                char d = text.charAt(j);
                int next = Character.isHighSurrogate(d) && j + 1 < n ? Character.codePointAt(text, j) : d;
                if (wordPart(next)) {
                    j += Character.charCount(next);
                    end = j;
                } else if (ignorable(next)) {
                    j += Character.charCount(next);
                } else {
                    break;
                }
            }
            sink.word(start, end);
            i = end;
        }
    }

    /** The keys of the words of a phrase, in order; empty when it holds no word. */
    public static List<String> keys(String phrase) {
        List<String> keys = new ArrayList<>();
        scan(phrase, 0, phrase.length(), Integer.MAX_VALUE, null, (s, e, key) -> keys.add(key));
        return keys;
    }

    /** Letters, digits and combining marks make words. */
    static boolean wordPart(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK,
                 Character.ENCLOSING_MARK -> true;
            default -> false;
        };
    }

    /** Characters that show nothing and so must not split or change a word. */
    static boolean ignorable(int cp) {
        return cp >= 0xAD && (cp == 0x00AD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF || cp == 0x180E
                || (cp >= 0xFE00 && cp <= 0xFE0F));
    }

    /**
     * The key of the word {@code text[start, end)}, or null when it is ASCII and {@code known} (null: no such test)
     * holds no key of its hash.
     */
    static String key(CharSequence text, int start, int end, KeyHashes known) {
        boolean ascii = true;
        for (int i = start; i < end && ascii; i++) {
            ascii = text.charAt(i) < 0x80;
        }
        if (ascii) {
            if (known != null && !known.mayContain(KeyHashes.asciiKeyHash(text, start, end))) {
                return null;
            }
            char[] chars = new char[end - start];
            for (int i = start; i < end; i++) {
                char c = text.charAt(i);
                chars[i - start] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            }
            return new String(chars);
        }
        StringBuilder visible = new StringBuilder(end - start);
        for (int i = start; i < end; ) {
            int cp = Character.codePointAt(text, i);
            if (!ignorable(cp)) {
                visible.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        String folded = Normalizer.normalize(visible, Normalizer.Form.NFKC);
        return folded.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
}
