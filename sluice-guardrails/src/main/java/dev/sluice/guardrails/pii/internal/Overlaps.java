package dev.sluice.guardrails.pii.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settles overlapping candidates (all already past the threshold): the longest wins, so a URL keeps the IP address
 * inside it and an IBAN the digit groups that look like a phone number; among equally long ones, the one whose
 * supporting context word is nearest (an NHS number right after "NHS" over the phone number of the same shape), then
 * the most confident, then the earliest, then the one found first (detectors run in a fixed order). O(k log k) in the
 * number of candidates.
 */
public final class Overlaps {

    private static final Comparator<Candidate> BEST_FIRST = Comparator.comparingInt(Candidate::length).reversed()
            .thenComparingInt(Candidate::contextGap)
            .thenComparing(Comparator.comparingDouble(Candidate::confidence).reversed())
            .thenComparingInt(Candidate::start);

    private Overlaps() { }

    /** The candidates that no better one overlaps, sorted by start: the list given, when none overlaps another. */
    public static List<Candidate> resolve(List<Candidate> candidates) {
        if (apart(candidates)) {
            return candidates; // the usual case: nothing to settle
        }
        List<Candidate> ranked = new ArrayList<>(candidates);
        ranked.sort(BEST_FIRST);
        TreeMap<Integer, Candidate> kept = new TreeMap<>();
        for (Candidate c : ranked) {
            Map.Entry<Integer, Candidate> before = kept.floorEntry(c.start());
            Map.Entry<Integer, Candidate> after = kept.ceilingEntry(c.start());
            boolean clash = (before != null && before.getValue().overlaps(c))
                    || (after != null && after.getValue().overlaps(c));
            if (!clash) {
                kept.put(c.start(), c);
            }
        }
        return new ArrayList<>(kept.values());
    }

    /** Whether the candidates are in order of start and each ends before the next starts. */
    private static boolean apart(List<Candidate> candidates) {
        for (int i = 1; i < candidates.size(); i++) {
            Candidate before = candidates.get(i - 1);
            Candidate next = candidates.get(i);
            if (before.start() >= next.start() || before.end() > next.start()) {
                return false;
            }
        }
        return true;
    }
}
