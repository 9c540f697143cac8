package dev.sluice.guardrails.apply;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What guardrails' checks found in long texts they saw recently, shared by every guardrail of a process and bounded by
 * the characters of the texts it keeps, least recently used out: an application sends the same system prompt with
 * every call, and a conversation its history again each turn, so most long texts a guardrail checks it checked before.
 * Kept per guardrail and side (the same text may be judged otherwise by another guardrail, or on the other side).
 * Thread-safe: one lock, taken only for texts of {@value #MIN_CHARS} characters or more (a look-up hashes and compares
 * the text, far cheaper than the checks it saves; shorter texts are checked anew in microseconds).
 */
public final class RememberedChecks {

    /** Texts from this long to {@link #MAX_CHARS} are remembered. */
    public static final int MIN_CHARS = 256;
    /** Longer texts are not remembered: one would take a large share of the memory. */
    public static final int MAX_CHARS = 16_384;
    /** The characters a process's memory holds at the most by default: 16 to 32 MB of text. */
    public static final long DEFAULT_MAX_TOTAL_CHARS = 16L << 20;

    private record Key(CompiledGuardrail guardrail, Source source, String text) { }

    private final long maxTotalChars;
    private final LinkedHashMap<Key, Object> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long totalChars;

    /** @param maxTotalChars the most characters of text kept, over every guardrail */
    public RememberedChecks(long maxTotalChars) {
        if (maxTotalChars < MAX_CHARS) {
            throw new IllegalArgumentException("maxTotalChars must be at least " + MAX_CHARS + ", not " + maxTotalChars);
        }
        this.maxTotalChars = maxTotalChars;
    }

    /** Whether a text of {@code chars} characters is one to remember. */
    static boolean remembers(int chars) {
        return chars >= MIN_CHARS && chars <= MAX_CHARS;
    }

    /** What {@code guardrail}'s {@code source} side found in {@code text}, or null. */
    synchronized Object get(CompiledGuardrail guardrail, Source source, String text) {
        return entries.get(new Key(guardrail, source, text));
    }

    synchronized void put(CompiledGuardrail guardrail, Source source, String text, Object found) {
        if (entries.put(new Key(guardrail, source, text), found) == null) {
            totalChars += text.length();
        }
        Iterator<Map.Entry<Key, Object>> eldest = entries.entrySet().iterator();
        while (totalChars > maxTotalChars && eldest.hasNext()) {
            totalChars -= eldest.next().getKey().text().length();
            eldest.remove();
        }
    }

    /** How many texts are kept, over every guardrail and side. */
    public synchronized int size() {
        return entries.size();
    }

    /** How many characters of text are kept. */
    public synchronized long chars() {
        return totalChars;
    }
}
