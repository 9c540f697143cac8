package dev.sluice.telemetry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Meters of one family by label set, so the hot path looks up a record key instead of building tags. Bounded: once
 * {@code limit} label sets exist, new keys are folded by {@code overflow} (which replaces caller-chosen values such
 * as model names by {@link GenAiConventions#OTHER}), so a caller sending random model names cannot grow the scrape
 * without bound. Thread-safe.
 */
final class MeterCache<K, M> {

    private final ConcurrentHashMap<K, M> meters = new ConcurrentHashMap<>();
    private final int limit;
    private final Function<K, M> factory;
    private final UnaryOperator<K> overflow;

    MeterCache(int limit, Function<K, M> factory, UnaryOperator<K> overflow) {
        this.limit = limit;
        this.factory = factory;
        this.overflow = overflow;
    }

    M get(K key) {
        M meter = meters.get(key);
        if (meter != null) {
            return meter;
        }
        K effective = meters.size() >= limit ? overflow.apply(key) : key;
        return meters.computeIfAbsent(effective, factory);
    }

    int size() {
        return meters.size();
    }
}
