package dev.sluice.guardrails.content.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns untrusted text into {@link Normalized} tokens so that a cue reads the same however it was disguised: case and
 * width folded, accents and zero-width characters removed, Unicode tag characters read as the ASCII they hide,
 * leetspeak ({@code 1gn0r3}) and mixed-script words ({@code іgnore} with a Cyrillic i) folded to Latin letters,
 * letters spelled out one by one ({@code i g n o r e}) joined, and base64 runs decoded and tokenised after the text.
 * One pass over the text plus one per decoded run; no regular expressions. Stateless and thread-safe.
 */
public final class TextNormalizer {

    /** Decoded runs are tokenised too, up to this depth (base64 inside base64). */
    private static final int MAX_DEPTH = 2;
    /** ASCII word characters (letters, digits, {@code @}, {@code $}): what {@link #isWordChar} says below 0x80. */
    private static final boolean[] ASCII_WORD = new boolean[0x80];

    static {
        for (int c = 0; c < 0x80; c++) {
            ASCII_WORD[c] = isWordChar(c);
        }
    }

    private TextNormalizer() { }

    public static Normalized normalize(String text) {
        List<String> tokens = new ArrayList<>(Math.max(16, text.length() / 5));
        boolean[] obfuscated = new boolean[1];
        tokenize(text, tokens, obfuscated);
        int decodedFrom = tokens.size();
        List<String> decoded = Base64Runs.decode(text);
        for (int depth = 1; depth <= MAX_DEPTH && !decoded.isEmpty(); depth++) {
            List<String> next = new ArrayList<>();
            for (String d : decoded) {
                tokens.add(Normalized.SEPARATOR);
                tokenize(d, tokens, obfuscated);
                obfuscated[0] = true;
                if (depth < MAX_DEPTH) {
                    next.addAll(Base64Runs.decode(d));
                }
            }
            decoded = next;
        }
        return new Normalized(tokens.toArray(String[]::new), decodedFrom, obfuscated[0]);
    }

    private static void tokenize(String text, List<String> out, boolean[] obfuscated) {
        StringBuilder word = new StringBuilder(24);
        WordShape shape = new WordShape();
        int singles = 0;
        int n = text.length();
        for (int i = 0; i < n; ) {
            char c = text.charAt(i);
            if (c < 0x80) { // ASCII: no invisible, wide, tag or CJK characters; the same steps, without the look-ups
                i++;
                int lower = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
                if (lower == '\'') {
                    continue;
                }
                if (ASCII_WORD[lower]) {
                    shape.add(lower);
                    word.append((char) lower);
                } else {
                    singles = flush(word, shape, out, obfuscated, singles);
                }
                continue;
            }
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isInvisible(cp)) {
                if (!word.isEmpty()) {
                    shape.hidden = true;
                }
                continue;
            }
            cp = fold(cp);
            if (cp == '\'' || cp == '\u2019') {
                continue; // don't -> dont
            }
            if (isCjk(cp)) {
                singles = flush(word, shape, out, obfuscated, singles);
                out.add(new String(Character.toChars(cp)));
                singles = 0;
            } else if (isWordChar(cp)) {
                shape.add(cp);
                word.appendCodePoint(cp);
            } else {
                singles = flush(word, shape, out, obfuscated, singles);
            }
        }
        flush(word, shape, out, obfuscated, singles);
    }

    /** Ends the current word; returns how many one-letter words now end {@code out} in a row. */
    private static int flush(StringBuilder word, WordShape shape, List<String> out, boolean[] obfuscated,
                             int singles) {
        if (word.isEmpty()) {
            return singles;
        }
        String token = shape.finish(word);
        obfuscated[0] |= shape.disguised();
        word.setLength(0);
        shape.reset();
        if (token.isEmpty()) {
            return singles;
        }
        if (token.length() == 1 && Character.isLetter(token.charAt(0))) {
            if (singles >= 4) { // a spelled-out word goes on: add the letter to it
                out.set(out.size() - 1, out.getLast() + token);
                return singles + 1;
            }
            out.add(token);
            if (singles + 1 == 4) { // i g n o r e: join the run into one word
                join(out, 4);
                obfuscated[0] = true;
            }
            return singles + 1;
        }
        out.add(token);
        return 0;
    }

    private static void join(List<String> out, int count) {
        StringBuilder joined = new StringBuilder(count);
        int from = out.size() - count;
        for (int k = from; k < out.size(); k++) {
            joined.append(out.get(k));
        }
        out.subList(from, out.size()).clear();
        out.add(joined.toString());
    }

    static boolean isInvisible(int cp) {
        return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF || cp == 0x00AD
                || cp == 0x180E || cp == 0x034F || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)
                || cp == 0xE0001 || cp == 0xE007F;
    }

    /** Width, tag characters (ASCII hidden in U+E0020..E007E), mathematical letters and case. */
    private static int fold(int cp) {
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            cp -= 0xFEE0;
        } else if (cp >= 0xE0020 && cp <= 0xE007E) {
            cp -= 0xE0000;
        } else if (cp >= 0x1D400 && cp <= 0x1D7FF) {
            String k = java.text.Normalizer.normalize(new String(Character.toChars(cp)),
                    java.text.Normalizer.Form.NFKC);
            cp = k.codePointAt(0);
        }
        return Character.toLowerCase(cp);
    }

    private static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '@' || cp == '$'
                || Character.getType(cp) == Character.NON_SPACING_MARK;
    }

    /** No Han, Hiragana or Katakana code point lies below U+2E80: most text skips the script table's search. */
    static boolean isCjk(int cp) {
        if (cp < 0x2E80) {
            return false;
        }
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA;
    }
}
