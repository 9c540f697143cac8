package dev.sluice.guardrails.topics;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.HashMap;
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

    private final Map<String, Integer> vocabulary;
    private final int unknown;

    /** @param vocab the tokenizer file's {@code model.vocab} object: piece to id */
    WordPieces(JsonNode vocab) {
        vocabulary = new HashMap<>(vocab.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vocabulary.put(e.getKey(), e.getValue().asInt());
        }
        unknown = vocabulary.get("[UNK]");
    }

    int size() {
        return vocabulary.size();
    }

    /** Passes each piece id of {@code text}, in order, to {@code out}; no special tokens. */
    void pieces(String text, PieceSink out) {
        String normal = normalize(text);
        int n = normal.length();
        int start = -1;
        for (int i = 0; i < n; i++) {
            char c = normal.charAt(i);
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

    private void word(String text, int from, int to, PieceSink out) {
        if (text.codePointCount(from, to) > MAX_WORD) {
            out.piece(unknown);
            return;
        }
        int[] found = new int[to - from];
        int count = 0;
        int start = from;
        while (start < to) {
            Integer id = null;
            int end = to;
            for (; end > start; end--) {
                String piece = start == from ? text.substring(start, end) : "##" + text.substring(start, end);
                id = vocabulary.get(piece);
                if (id != null) {
                    break;
                }
            }
            if (id == null) {
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

    /** Clean text, space CJK ideographs, strip accents, lower-case: BERT's normalizer for uncased models. */
    static String normalize(String text) {
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
