package dev.sluice.guardrails.topics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values kept for recently seen texts, by the text, least recently used first out: MiniLM's embeddings of windows
 * ({@link MiniLmEmbedder}) and a classifier's scores of whole texts ({@link TopicClassifier}). A conversation sends
 * its history again on every turn, so most texts of a call were seen by the call before. Thread-safe (one lock; a
 * look-up is far cheaper than the model run it saves).
 *
 * @param <V> what is kept per text; callers must not change a value once put
 */
final class TextCache<V> {

    private final int capacity;
    private final LinkedHashMap<String, V> entries;

    /** @param capacity the most texts kept */
    TextCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > TextCache.this.capacity;
            }
        };
    }

    /** The value kept for {@code text}, or null. */
    synchronized V get(String text) {
        return entries.get(text);
    }

    synchronized void put(String text, V value) {
        entries.put(text, value);
    }

    synchronized int size() {
        return entries.size();
    }
}
