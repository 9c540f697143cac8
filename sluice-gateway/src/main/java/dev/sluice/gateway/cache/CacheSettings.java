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
 * @param defaults the top-level {@code ttl} and {@code scope}: what a name's {@code cache: true} means, and what its
 *     mapping leaves out
 */
public record CacheSettings(long maxBytes, int semanticEntries, Map<String, CachePolicy> policies,
                            CachePolicy defaults) {

    public static final long DEFAULT_MAX_BYTES = 256L << 20;
    public static final int DEFAULT_SEMANTIC_ENTRIES = 10_000;
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    /** No name cached. */
    public static final CacheSettings OFF = new CacheSettings(DEFAULT_MAX_BYTES, DEFAULT_SEMANTIC_ENTRIES, Map.of(),
            null);

    /** The defaults when the top-level section sets none. */
    public static final CachePolicy DEFAULTS = new CachePolicy(DEFAULT_TTL, CachePolicy.Scope.TEAM, null);

    public CacheSettings {
        policies = Map.copyOf(policies);
        defaults = defaults == null ? DEFAULTS : defaults;
    }

    /** With the default {@code ttl} and {@code scope}. */
    public CacheSettings(long maxBytes, int semanticEntries, Map<String, CachePolicy> policies) {
        this(maxBytes, semanticEntries, policies, DEFAULTS);
    }

    /** True when no name is cached: the interceptor is then left out of the chain. */
    public boolean off() { return policies.isEmpty(); }

    /** True when some name has a semantic cache. */
    public boolean anySemantic() {
        return policies.values().stream().anyMatch(p -> p.semantic() != null);
    }
}
