package dev.sluice.gateway.cache;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * This node's index of the prompts whose answers are stored, for the semantic cache: by context (the
 * {@link CacheKey#semanticContext} of everything but the last user message), each prompt's embedding and the exact key
 * its answer is stored under. A lookup scans its context's prompts for the most similar one (cosine similarity), so a
 * scope's prompts never match another's. Bounded: past {@code capacity} the oldest prompts go. Runs on the worker
 * pool (a scan over thousands of 384-number vectors takes about a millisecond). Thread-safe: one lock, held for the
 * scan.
 */
final class SemanticIndex {

    /** A stored prompt. */
    private record Entry(String context, float[] unit, String key, long expiresAtMillis) { }

    /** The most similar live prompt of a context. */
    record Match(String key, double similarity) { }

    private final int capacity;
    private final Map<String, List<Entry>> byContext = new HashMap<>();
    private final ArrayDeque<Entry> age = new ArrayDeque<>();

    SemanticIndex(int capacity) {
        this.capacity = capacity;
    }

    /** The most similar prompt of {@code context} at {@code threshold} or above, live at {@code now}; or null. */
    synchronized Match best(String context, float[] vector, double threshold, long now) {
        List<Entry> entries = byContext.get(context);
        if (entries == null) {
            return null;
        }
        float[] unit = unit(vector);
        Entry best = null;
        double bestSimilarity = -2;
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.expiresAtMillis() <= now) {
                it.remove();
                continue;
            }
            double s = dot(unit, e.unit());
            if (s > bestSimilarity) {
                bestSimilarity = s;
                best = e;
            }
        }
        return best != null && bestSimilarity >= threshold ? new Match(best.key(), Math.min(1, bestSimilarity)) : null;
    }

    /** Adds a stored answer's prompt; the oldest go when the index is full. */
    synchronized void add(String context, float[] vector, String key, long expiresAtMillis) {
        if (capacity == 0) {
            return;
        }
        Entry e = new Entry(context, unit(vector), key, expiresAtMillis);
        byContext.computeIfAbsent(context, c -> new ArrayList<>()).add(e);
        age.addLast(e);
        while (age.size() > capacity) {
            Entry old = age.pollFirst();
            List<Entry> list = byContext.get(old.context());
            if (list != null) {
                list.remove(old);
                if (list.isEmpty()) {
                    byContext.remove(old.context());
                }
            }
        }
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        double n = Math.sqrt(norm);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length && n > 0; i++) {
            out[i] = (float) (v[i] / n);
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            return -1;
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
