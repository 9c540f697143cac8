package dev.sluice.guardrails.content.internal;

import java.text.Normalizer;

/**
 * What one word is made of, gathered as its characters are read, and the word folded at its end: leetspeak digits
 * to letters when the word also has letters, Cyrillic and Greek look-alikes to Latin when the word mixes scripts,
 * accents removed. Reused for each word of one text; not thread-safe.
 */
final class WordShape {

    private static final String LEET = "0123456789@$";
    private static final String LEET_AS = "oizeasgtbgas";
    /** For each ASCII character, whether it is in {@link #LEET}: a table read per character, not a string search. */
    private static final boolean[] IS_LEET = new boolean[0x80];

    static {
        LEET.chars().forEach(c -> IS_LEET[c] = true);
    }

    private boolean letters;
    private boolean leet;
    private boolean latin;
    private boolean otherScript;
    private boolean accents;
    private boolean leetDisguise;
    boolean hidden;

    void add(int cp) {
        if (cp < 0x80) {
            if (IS_LEET[cp]) {
                leet = true;
            } else {
                letters = true;
                latin = true;
            }
            return;
        }
        letters |= Character.isLetter(cp);
        if (Homoglyphs.isLatin(cp)) {
            latin = true;
            accents = true;
        } else if (Homoglyphs.isCyrillicOrGreek(cp)) {
            otherScript = true;
            accents = true;
        } else {
            accents = true;
        }
    }

    /** Whether the word just finished was disguised (hidden characters, leetspeak, mixed scripts). */
    boolean disguised() {
        return hidden || leetDisguise || (latin && otherScript);
    }

    /**
     * Leetspeak rather than a number with a unit or a name with a version ({@code 1920s}, {@code 3pm}, {@code gpt4}):
     * a digit between two letters, or a digit followed by three letters.
     */
    private static boolean leetDisguise(StringBuilder w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c >= 0x80 || !IS_LEET[c]) {
                continue;
            }
            boolean before = i > 0 && Character.isLetter(w.charAt(i - 1));
            boolean after = i + 1 < w.length() && Character.isLetter(w.charAt(i + 1));
            if (before && after || i == 0 && w.length() >= 4 && Character.isLetter(w.charAt(1))
                    && Character.isLetter(w.charAt(2)) && Character.isLetter(w.charAt(3))) {
                return true;
            }
        }
        return false;
    }

    String finish(StringBuilder word) {
        boolean foldLeet = leet && letters;
        leetDisguise = foldLeet && leetDisguise(word);
        boolean foldScript = latin && otherScript;
        if (!foldLeet && !foldScript && !accents) {
            return stripSymbols(word);
        }
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            i += Character.charCount(cp);
            int k = cp < 0x80 ? LEET.indexOf(cp) : -1;
            if (k >= 0 && foldLeet) {
                out.append(LEET_AS.charAt(k));
            } else if (k >= 10) {
                continue; // @ or $ in a word without letters
            } else {
                out.appendCodePoint(foldScript ? Homoglyphs.fold(cp) : cp);
            }
        }
        String s = out.toString();
        if (accents) {
            s = stripMarks(Normalizer.normalize(s, Normalizer.Form.NFD));
        }
        return s;
    }

    private static String stripSymbols(StringBuilder word) {
        boolean plain = true;
        for (int i = 0; i < word.length() && plain; i++) {
            plain = word.charAt(i) != '@' && word.charAt(i) != '$';
        }
        if (plain) {
            return word.toString();
        }
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c != '@' && c != '$') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String stripMarks(String nfd) {
        StringBuilder out = new StringBuilder(nfd.length());
        for (int i = 0; i < nfd.length(); i++) {
            char c = nfd.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                out.append(c);
            }
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    void reset() {
        letters = false;
        leet = false;
        latin = false;
        otherScript = false;
        accents = false;
        hidden = false;
        leetDisguise = false;
    }
}
