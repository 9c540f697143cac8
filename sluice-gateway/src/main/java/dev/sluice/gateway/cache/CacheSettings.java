package dev.sluice.gateway.cache;

import java.time.Duration;
import java.util.Map;

/**
 * The response cache's settings: the top-level {@code cache:} section and every model's and route's {@code cache:}.
 * A name without a policy is never cached.
 *
 * @param maxBytes the most bytes of answers one node keeps in memory (least recently used go first)
 * @param semanticEntries the most prompts one node's semantic index holds (oldest go first)
 * @param policies by public name (model or route)
 */
public record CacheSettings(long maxBytes, int semanticEntries, Map<String, CachePolicy> policies) {

    public static final long DEFAULT_MAX_BYTES = 256L << 20;
    public static final int DEFAULT_SEMANTIC_ENTRIES = 10_000;
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    /** No name cached. */
    public static final CacheSettings OFF = new CacheSettings(DEFAULT_MAX_BYTES, DEFAULT_SEMANTIC_ENTRIES, Map.of());

    public CacheSettings {
        policies = Map.copyOf(policies);
    }

    /** True when no name is cached: the interceptor is then left out of the chain. */
    public boolean off() { return policies.isEmpty(); }

    /** True when some name has a semantic cache. */
    public boolean anySemantic() {
        return policies.values().stream().anyMatch(p -> p.semantic() != null);
    }
}
