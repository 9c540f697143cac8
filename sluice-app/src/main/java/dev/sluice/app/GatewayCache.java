package dev.sluice.app;

import dev.sluice.gateway.cache.AnswerStore;
import dev.sluice.gateway.cache.CacheSections;
import dev.sluice.gateway.cache.CacheSettings;
import dev.sluice.gateway.cache.LocalAnswerStore;
import dev.sluice.gateway.cache.ResponseCache;
import dev.sluice.guardrails.topics.MiniLmEmbedder;
import dev.sluice.telemetry.MetricsListener;
import java.time.InstantSource;

/**
 * The gateway's response cache as the config sets it up ({@code cache:} and the models' and routes' {@code cache:}):
 * none when no name is cached and no route can be made at run time; answers in this node's memory, or in Redis in
 * cluster mode; prompts embedded by the process's one MiniLM model (the guardrails' and evaluations'), loaded only when
 * a semantic name is first called (a route made semantic at run time included). Its counters go to the metrics.
 */
final class GatewayCache {

    private GatewayCache() { }

    /**
     * The cache, or null when no name is cached and none can be later.
     *
     * @param settings the config's ({@link CacheSections#from})
     * @param cluster the cluster's Redis, or null on one node
     * @param routesChange whether routes can be made at run time (the admin API, with storage): then the cache is in
     *     the chain even when no name is cached yet, since such a route may bring a {@code cache:}
     */
    static ResponseCache interceptor(CacheSettings settings, dev.sluice.cluster.RedisCluster cluster,
                                     MetricsListener metrics, boolean routesChange) {
        if (settings.off() && !routesChange) {
            return null;
        }
        InstantSource clock = InstantSource.system();
        AnswerStore store = cluster == null ? new LocalAnswerStore(settings.maxBytes(), clock)
                : new dev.sluice.cluster.RedisAnswerStore(cluster, clock);
        ResponseCache cache = new ResponseCache(settings, store, MiniLmEmbedder.shared(), clock);
        var stats = cache.stats();
        metrics.registerCacheCounters(stats::exactHits, stats::semanticHits, stats::misses, stats::stores);
        return cache;
    }
}
