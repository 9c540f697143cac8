package dev.sluice.guardrails.apply;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What guardrails' checks found in long texts they saw recently, shared by every guardrail of a process and bounded by
 * the characters it keeps (each text's, and what was found in it counted as characters too), least recently used
 * out: an application sends the same system prompt with every call, and a conversation its history again each turn,
 * so most long texts a guardrail checks it checked before.
 * Kept per guardrail and side (the same text may be judged otherwise by another guardrail, or on the other side).
 * Thread-safe: one lock, taken only for texts of {@value #MIN_CHARS} characters or more (a look-up hashes and compares
 * the text, far cheaper than the checks it saves; shorter texts are checked anew in microseconds).
 */
public final class RememberedChecks {

    /** Texts from this long to {@link #MAX_CHARS} are remembered. */
    public static final int MIN_CHARS = 256;
    /** Longer texts are not remembered: one would take a large share of the memory. */
    public static final int MAX_CHARS = 16_384;
    /** The characters a process's memory holds at the most by default: a few to some tens of megabytes. */
    public static final long DEFAULT_MAX_TOTAL_CHARS = 4L << 20;

    private record Key(CompiledGuardrail guardrail, Source source, String text) { }

    /** What was found, and the characters it is counted as. */
    private record Kept(Object found, long chars) { }

    private final long maxTotalChars;
    private final LinkedHashMap<Key, Kept> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long totalChars;

    /** @param maxTotalChars the most characters of text kept, over every guardrail */
    public RememberedChecks(long maxTotalChars) {
        if (maxTotalChars < MAX_CHARS) {
            throw new IllegalArgumentException("maxTotalChars must be at least " + MAX_CHARS + ", not "
                    + maxTotalChars);
        }
        this.maxTotalChars = maxTotalChars;
    }

    /** Whether a text of {@code chars} characters is one to remember. */
    static boolean remembers(int chars) {
        return chars >= MIN_CHARS && chars <= MAX_CHARS;
    }

    /** What {@code guardrail}'s {@code source} side found in {@code text}, or null. */
    synchronized Object get(CompiledGuardrail guardrail, Source source, String text) {
        Kept kept = entries.get(new Key(guardrail, source, text));
        return kept == null ? null : kept.found();
    }

    /** @param foundChars what {@code found} holds, counted as characters (its masked text, its findings) */
    synchronized void put(CompiledGuardrail guardrail, Source source, String text, Object found, long foundChars) {
        Kept kept = new Kept(found, text.length() + foundChars);
        Kept before = entries.put(new Key(guardrail, source, text), kept);
        totalChars += kept.chars() - (before == null ? 0 : before.chars());
        Iterator<Map.Entry<Key, Kept>> eldest = entries.entrySet().iterator();
        while (totalChars > maxTotalChars && eldest.hasNext()) {
            totalChars -= eldest.next().getValue().chars();
            eldest.remove();
        }
    }

    /** How many texts are kept, over every guardrail and side. */
    public synchronized int size() {
        return entries.size();
    }

    /** How many characters are kept: the texts', and what was found in them. */
    public synchronized long chars() {
        return totalChars;
    }
}
