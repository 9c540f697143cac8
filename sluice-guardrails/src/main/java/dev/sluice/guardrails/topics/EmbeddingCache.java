package dev.sluice.guardrails.topics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embeddings of recently seen windows, by their text, least recently used first out. A conversation sends its
 * history again on every turn, so most windows of a call were embedded by the call before. Thread-safe (one lock; a
 * look-up is far cheaper than the model run it saves).
 */
final class EmbeddingCache {

    private final int capacity;
    private final LinkedHashMap<String, float[]> entries;

    /** @param capacity the most windows kept (each about 1.6 KB and its text) */
    EmbeddingCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > EmbeddingCache.this.capacity;
            }
        };
    }

    /** The embedding kept for {@code text}, or null. Callers must not change the array. */
    synchronized float[] get(String text) {
        return entries.get(text);
    }

    synchronized void put(String text, float[] embedding) {
        entries.put(text, embedding);
    }

    synchronized int size() {
        return entries.size();
    }
}
