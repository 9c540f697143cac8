package dev.sluice.gateway.cache;

import java.util.concurrent.atomic.LongAdder;

/** The cache's counters, read by the metrics at scrape time. Thread-safe. */
public final class CacheStats {

    private final LongAdder exactHits = new LongAdder();
    private final LongAdder semanticHits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder stores = new LongAdder();

    void hit(boolean semantic) {
        (semantic ? semanticHits : exactHits).increment();
    }

    void miss() { misses.increment(); }

    void stored() { stores.increment(); }

    /** Calls answered by an equal request's answer. */
    public long exactHits() { return exactHits.sum(); }

    /** Calls answered by a similar prompt's answer. */
    public long semanticHits() { return semanticHits.sum(); }

    /** Cached names' calls that went upstream (a {@code no-cache} call included). */
    public long misses() { return misses.sum(); }

    /** Answers stored. */
    public long stores() { return stores.sum(); }
}
