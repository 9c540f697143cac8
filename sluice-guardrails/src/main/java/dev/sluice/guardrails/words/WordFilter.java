package dev.sluice.guardrails.words;

import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.Verdict;
import dev.sluice.guardrails.internal.PhraseMatcher;
import dev.sluice.guardrails.internal.WordCut;
import dev.sluice.guardrails.words.WordFinding.WordList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Applies a {@link WordPolicy} to texts. Words and phrases match whole words (so "ass" is not found in "class"),
 * ignoring case (Unicode case folding: "STRASSE" finds "straße"), full-width and compatibility forms, and zero-width
 * characters inside a word ("f\u200Bool" finds "fool"); the words of a phrase may be separated by any punctuation
 * or spacing. Overlapping matches keep the leftmost, then the longest; a word on both lists counts as custom.
 *
 * <p>Immutable and thread-safe; {@link #check} does no I/O, never throws on any string and takes time linear in its
 * length (one pass, at most as many partial matches as the longest phrase has words).
 */
public final class WordFilter {

    private record Entry(WordList list, Action action) { }

    private static final WordFilterResult NOTHING = new WordFilterResult(List.of(), Verdict.NONE);

    private final PhraseMatcher<Entry> matcher;

    /** @throws IllegalArgumentException naming a custom word that holds no letter or digit */
    public WordFilter(WordPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        PhraseMatcher.Builder<Entry> builder = PhraseMatcher.builder();
        Entry custom = new Entry(WordList.CUSTOM, policy.wordsAction());
        for (String word : policy.words()) {
            if (!builder.add(word, custom)) {
                throw new IllegalArgumentException("words: '" + word + "' holds no letter or digit to match");
            }
        }
        if (policy.profanity()) {
            Entry profane = new Entry(WordList.PROFANITY, policy.profanityAction());
            for (String word : ProfanityList.load()) {
                builder.add(word, profane);
            }
        }
        this.matcher = builder.build();
    }

    /** Checks one text. */
    public WordFilterResult check(String text) {
        return check(WordCut.of(text));
    }

    /** Checks one text whose words other checks of it may read too. */
    public WordFilterResult check(WordCut words) {
        String text = words.text();
        List<PhraseMatcher.Hit<Entry>> hits = matcher.find(words);
        if (hits.isEmpty()) {
            return NOTHING;
        }
        hits.sort(Comparator.<PhraseMatcher.Hit<Entry>>comparingInt(PhraseMatcher.Hit::start)
                .thenComparing(Comparator.<PhraseMatcher.Hit<Entry>>comparingInt(PhraseMatcher.Hit::end).reversed())
                .thenComparing(h -> h.payload().list()));
        List<WordFinding> findings = new ArrayList<>();
        Verdict verdict = Verdict.NONE;
        int covered = 0;
        for (PhraseMatcher.Hit<Entry> hit : hits) {
            if (hit.start() < covered) {
                continue;
            }
            Entry entry = hit.payload();
            findings.add(new WordFinding(text.substring(hit.start(), hit.end()), hit.start(), hit.end(),
                    entry.list(), entry.action()));
            verdict = verdict.and(Verdict.of(entry.action()));
            covered = hit.end();
        }
        return new WordFilterResult(findings, verdict);
    }
}
