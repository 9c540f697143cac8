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
    /** The text's chars, copied once for every check of it ({@link WordCut#chars}): scanners read each many times. */
    private final char[] chars;
    private final WordCut cut;
    private CharCounts counts;
    private List<DigitRun> digitRuns;
    private long runDigits;
    private List<WordTokens.Word> words;
    private PhraseMatcher<Cues.Cue> cueMatcher;
    private List<PhraseMatcher.Hit<Cues.Cue>> cueHits;

    public TextScan(String text) {
        this(WordCut.of(text));
    }

    /** The text of {@code words}, whose cut the cue words are found in. */
    public TextScan(WordCut words) {
        this.text = words.text();
        this.chars = words.chars();
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
            digitRuns = counts().digits() == 0 ? List.of() : DigitRun.scan(this);
            runDigits = DigitRun.prefixCounts(digitRuns);
        }
        return digitRuns;
    }

    /** The digit counts of the first groups of its digit runs ({@link DigitRun#prefixCounts}), found on first use. */
    public long runDigits() {
        digitRuns();
        return runDigits;
    }

    /** Where its first ASCII digit is, or its length when it has none: a number is not looked for before. */
    public int firstDigit() {
        return counts().firstDigit();
    }

    /** What the text holds, as the {@link Needs} bits of {@link Detector#needs}: a detector needing more is not run. */
    public long features() {
        return counts().features();
    }

    /** What the text holds at all (see {@link CharCounts}), counted on first use. */
    CharCounts counts() {
        if (counts == null) {
            counts = CharCounts.of(chars);
        }
        return counts;
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
