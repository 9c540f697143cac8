package dev.sluice.cluster;

import dev.sluice.gateway.cache.AnswerStore;
import dev.sluice.gateway.cache.StoredAnswer;
import io.lettuce.core.SetArgs;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The response cache's answers shared by every node through Redis: one key per answer
 * ({@code <prefix>cache:<key>}), written with its TTL ({@code SET ... PX}) so Redis drops it when it expires; its
 * expiry is also kept in the value and checked on {@code clock} when read, so a node's clock decides what it serves.
 * Never blocks: Lettuce answers on its own threads (the cache goes back to the call's loop). While Redis is down, or
 * when it fails or answers late ({@code redis.timeout_ms}), a lookup is a miss and a store is skipped: calls go
 * upstream, nothing fails. Thread-safe.
 */
public final class RedisAnswerStore implements AnswerStore {

    private final RedisCluster cluster;
    private final InstantSource clock;

    public RedisAnswerStore(RedisCluster cluster, InstantSource clock) {
        this.cluster = cluster;
        this.clock = clock;
    }

    @Override
    public CompletionStage<StoredAnswer> get(String key) {
        if (!cluster.up()) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            return cluster.commands().get(cluster.key("cache:" + key)).toCompletableFuture()
                    .thenApply(bytes -> {
                        StoredAnswer a = bytes == null ? null : StoredAnswer.parse(bytes);
                        return a == null || a.expiresAtMillis() <= clock.millis() ? null : a;
                    })
                    .exceptionally(e -> null);
        } catch (RuntimeException e) { // not connected: refused at once
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public void put(String key, StoredAnswer answer) {
        long ttl = answer.expiresAtMillis() - clock.millis();
        if (ttl <= 0 || !cluster.up()) {
            return;
        }
        try {
            cluster.commands().set(cluster.key("cache:" + key), answer.bytes(), SetArgs.Builder.px(ttl));
        } catch (RuntimeException e) {
            // best effort: the next call of this request goes upstream and stores it again
        }
    }
}
