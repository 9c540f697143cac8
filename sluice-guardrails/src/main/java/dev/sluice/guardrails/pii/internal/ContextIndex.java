package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.internal.PhraseMatcher;
import dev.sluice.guardrails.internal.WordCut;
import dev.sluice.guardrails.pii.ContextWords;
import dev.sluice.guardrails.pii.PiiType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the context words of each type occur in one text, and the confidence they give a candidate (see
 * {@link ContextWords} for the rule). Only the stretches of text around candidates are read. Confined to the checking
 * thread.
 */
public final class ContextIndex {

    /** A context word's meaning: which type it speaks for, and whether for or against. */
    public record Hint(String type, boolean supporting) { }

    /** A phrase whose words lie further apart than this is not taken as context. */
    private static final int MAX_SPAN = 200;
    /** Text read beyond a candidate's window, so that words at the window's edge are read whole. */
    private static final int PAD = MAX_SPAN + 8;

    /** Per type: the hits of its supporting words [0] and of its opposing words [1]. */
    private final Map<String, Hits[]> hits = new HashMap<>();

    private ContextIndex() { }

    /** Builds the matcher for a policy's context words, once per policy. */
    public static PhraseMatcher<Hint> matcher(ContextWords words) {
        PhraseMatcher.Builder<Hint> builder = PhraseMatcher.builder();
        add(builder, words.supporting(), true);
        add(builder, words.opposing(), false);
        return builder.build();
    }

    private static void add(PhraseMatcher.Builder<Hint> b, Map<PiiType, List<String>> lists, boolean supporting) {
        lists.forEach((type, phrases) -> phrases.forEach(p -> b.add(p, new Hint(type.name(), supporting))));
    }

    /** Finds the context words near the candidates (sorted by start) of {@code text}. */
    public static ContextIndex of(WordCut words, List<Candidate> byStart, PhraseMatcher<Hint> matcher) {
        ContextIndex index = new ContextIndex();
        String text = words.text();
        if (matcher.isEmpty()) {
            return index;
        }
        int from = -1;
        int to = -1;
        for (Candidate c : byStart) {
            int s = Math.max(0, c.start() - ContextWords.BEFORE - PAD);
            int e = Math.min(text.length(), c.end() + ContextWords.AFTER + PAD);
            if (s > to) {
                index.read(words, from, to, matcher);
                from = s;
            }
            to = Math.max(to, e);
        }
        index.read(words, from, to, matcher);
        return index;
    }

    private void read(WordCut words, int from, int to, PhraseMatcher<Hint> matcher) {
        if (from < 0) {
            return;
        }
        matcher.find(words, from, to, (start, end, hint) -> {
            if (end - start <= MAX_SPAN) {
                Hits[] pair = hits.computeIfAbsent(hint.type(), t -> new Hits[] {new Hits(), new Hits()});
                pair[hint.supporting() ? 0 : 1].add(start, end);
            }
        });
    }

    /**
     * The candidate with its confidence moved by the context words near it and the gap to its nearest supporting
     * word, or null when it needs a supporting word and has none. The gap settles look-alikes of one span ("SSN
     * 123456789 and passport 987654321"): labels usually come before their values, so a word after the candidate
     * counts as twice as far as one before.
     */
    public Candidate score(Candidate c) {
        Hits[] pair = hits.get(c.type());
        int gap = pair == null ? Candidate.NO_CONTEXT : pair[0].nearest(c.start(), c.end());
        boolean supported = gap != Candidate.NO_CONTEXT;
        if (c.needsContext() && !supported) {
            return null;
        }
        boolean opposed = pair != null && pair[1].nearest(c.start(), c.end()) != Candidate.NO_CONTEXT;
        double confidence = c.confidence() + (supported ? ContextWords.BOOST : 0) - (opposed ? ContextWords.BOOST : 0);
        return c.scored(Math.max(0, Math.min(1, confidence)), gap);
    }

    /** Hits of one hint, in the order of their end (the matcher's order, window after window). */
    private static final class Hits {
        private int[] starts = new int[8];
        private int[] ends = new int[8];
        private int size;

        void add(int start, int end) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            starts[size] = start;
            ends[size++] = end;
        }

        /**
         * The weighted gap between [start, end) and the nearest hit in its window (a hit after counts double), or
         * {@link Candidate#NO_CONTEXT} when none is.
         */
        int nearest(int start, int end) {
            int from = start - ContextWords.BEFORE;
            int to = end + ContextWords.AFTER;
            int best = Candidate.NO_CONTEXT;
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ends[mid] <= from) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            for (int k = lo; k < size && ends[k] - MAX_SPAN < to; k++) {
                if (starts[k] < to && ends[k] > from) {
                    int gap = ends[k] <= start ? start - ends[k] : starts[k] >= end ? 2 * (starts[k] - end) + 1 : 0;
                    best = Math.min(best, gap);
                }
            }
            return best;
        }
    }
}
