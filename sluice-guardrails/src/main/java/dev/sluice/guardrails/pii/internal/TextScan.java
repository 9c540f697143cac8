package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.internal.PhraseMatcher;
import dev.sluice.guardrails.internal.WordCut;
import java.util.List;

/**
 * One text being checked, with what several detectors share computed once: its runs of digit groups, its words and
 * the context types' cue words. Confined to the checking thread.
 */
public final class TextScan {

    private final String text;
    /** The text's chars, copied once: scanners read every char many times, and an array read is the cheapest. */
    private final char[] chars;
    private final WordCut cut;
    /** What the text holds at all, counted on first use: detectors that need more skip the text (-1: not counted). */
    private int digits = -1;
    private int colons;
    private int dashes;
    private int dots;
    private int upperOrDigitRun;
    private int base64Run;
    private boolean upperPair;
    private boolean dotsFiveApart;
    private boolean wwwDot;
    private List<DigitRun> digitRuns;
    private List<WordTokens.Word> words;
    private PhraseMatcher<Cues.Cue> cueMatcher;
    private List<PhraseMatcher.Hit<Cues.Cue>> cueHits;

    public TextScan(String text) {
        this(WordCut.of(text));
    }

    /** The text of {@code words}, whose cut the cue words are found in. */
    public TextScan(WordCut words) {
        this.text = words.text();
        this.chars = text.toCharArray();
        this.cut = words;
    }

    public String text() {
        return text;
    }

    public int length() {
        return chars.length;
    }

    public char at(int i) {
        return chars[i];
    }

    /** The char at {@code i}, or NUL outside the text (so scanners need no bounds checks at the edges). */
    public char peek(int i) {
        return i >= 0 && i < chars.length ? chars[i] : '\0';
    }

    /** The runs of digit groups (see {@link DigitRun}), found on first use. */
    public List<DigitRun> digitRuns() {
        if (digitRuns == null) {
            digitRuns = digits() == 0 ? List.of() : DigitRun.scan(this);
        }
        return digitRuns;
    }

    /** How many ASCII digits the text holds. */
    int digits() {
        count();
        return digits;
    }

    /** How many {@code :} the text holds. */
    int colons() {
        count();
        return colons;
    }

    /** How many {@code -} the text holds. */
    int dashes() {
        count();
        return dashes;
    }

    /** How many {@code .} the text holds. */
    int dots() {
        count();
        return dots;
    }

    /** The length of the longest run of ASCII capitals and digits. */
    int upperOrDigitRun() {
        count();
        return upperOrDigitRun;
    }

    /** The length of the longest run of base64 characters (ASCII letters and digits, {@code +} and {@code /}). */
    int base64Run() {
        count();
        return base64Run;
    }

    /** Whether two dots stand five characters apart somewhere (as in a MAC address {@code 0a1b.2c3d.4e5f}). */
    boolean dotsFiveApart() {
        count();
        return dotsFiveApart;
    }

    /** Whether {@code www.} (any case) occurs somewhere. */
    boolean wwwDot() {
        count();
        return wwwDot;
    }

    /** Whether two ASCII capitals stand side by side somewhere. */
    boolean upperPair() {
        count();
        return upperPair;
    }

    /** One pass over the text for all of the counts above. */
    private void count() {
        if (digits >= 0) {
            return;
        }
        int d = 0;
        int upperRun = 0;
        int b64Run = 0;
        boolean lastUpper = false;
        int lastDot = -10;
        int ws = 0;
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            boolean digit = c >= '0' && c <= '9';
            boolean upper = c >= 'A' && c <= 'Z';
            boolean letter = upper || (c >= 'a' && c <= 'z');
            if (digit) {
                d++;
            } else if (c == ':') {
                colons++;
            } else if (c == '-') {
                dashes++;
            } else if (c == '.') {
                dots++;
                dotsFiveApart |= i - lastDot == 5;
                lastDot = i;
                wwwDot |= ws >= 3;
            }
            ws = c == 'w' || c == 'W' ? ws + 1 : 0;
            upperRun = upper || digit ? upperRun + 1 : 0;
            upperOrDigitRun = Math.max(upperOrDigitRun, upperRun);
            b64Run = letter || digit || c == '+' || c == '/' ? b64Run + 1 : 0;
            base64Run = Math.max(base64Run, b64Run);
            upperPair |= upper && lastUpper;
            lastUpper = upper;
        }
        digits = d;
    }

    /** The words of the text (see {@link WordTokens}), cut on first use: NAME and ADDRESS both read them. */
    List<WordTokens.Word> words() {
        if (words == null) {
            words = WordTokens.of(text);
        }
        return words;
    }

    /** The context types' cue words in the text (see {@link Cues}), found on first use by {@code matcher}. */
    List<PhraseMatcher.Hit<Cues.Cue>> cues(PhraseMatcher<Cues.Cue> matcher) {
        if (cueMatcher != matcher) {
            cueHits = matcher.find(cut);
            cueMatcher = matcher;
        }
        return cueHits;
    }
}
