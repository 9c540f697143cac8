package dev.sluice.gateway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers in this node's memory (Caffeine): at most {@code maxBytes} of them by their stored size, the least recently
 * and least frequently used going first, each gone when its own TTL ends on {@code clock}. Answers at once, on the
 * caller's thread. Thread-safe.
 */
public final class LocalAnswerStore implements AnswerStore {

    /** What an entry costs beyond its bytes (key, node, object headers), so tiny answers are not free. */
    private static final int OVERHEAD = 200;

    private record Entry(StoredAnswer answer, int weight) { }

    private final Cache<String, Entry> entries;
    private final InstantSource clock;

    public LocalAnswerStore(long maxBytes, InstantSource clock) {
        this.clock = clock;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String k, Entry e) -> e.weight())
                .expireAfter(Expiry.creating((String k, Entry e) ->
                        java.time.Duration.ofMillis(Math.max(0, e.answer().expiresAtMillis() - clock.millis()))))
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run) // evictions are cheap: no hand-off to another thread
                .build();
    }

    @Override
    public CompletionStage<StoredAnswer> get(String key) {
        Entry e = entries.getIfPresent(key);
        return CompletableFuture.completedFuture(e == null || e.answer().expiresAtMillis() <= clock.millis() ? null
                : e.answer());
    }

    /** Answers held now, once pending evictions are done. */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    @Override
    public void put(String key, StoredAnswer answer) {
        entries.put(key, new Entry(answer, Math.min(Integer.MAX_VALUE - OVERHEAD, answer.bytes().length) + OVERHEAD));
    }

    /** Bytes held now, as weighed, once pending evictions are done (for metrics and tests). */
    public long weight() {
        entries.cleanUp();
        return entries.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }
}
