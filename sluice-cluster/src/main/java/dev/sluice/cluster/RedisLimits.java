package dev.sluice.cluster;

import dev.sluice.api.access.LimitCounters;
import dev.sluice.api.access.Limits;
import dev.sluice.gateway.engine.LocalLimits;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rate limits shared by every node through Redis: requests and tokens per minute in token buckets kept in Redis (one
 * per scope and limit, refilled whole each minute from its first take, as Bucket4j's buckets on one node), calls at
 * once in one hash per scope holding each live node's count. One script takes everything a call needs from every
 * scope at once, all or nothing, in one round trip: Redis runs it alone, so a hot key costs no retries (Bucket4j's
 * Redis buckets compare and swap, and under 32 calls at once on one key spent about 2 ms of CPU per call retrying).
 * Nodes that stopped beating are dropped from the calls-at-once counts as the script goes.
 *
 * <p>While Redis is down ({@link RedisCluster#up()}), or when it fails a call, limits are counted on this node
 * ({@link LocalLimits}) with each limit divided by the live nodes last seen, rounded up; when Redis is back each scope's
 * count of this node's calls at once is written back to what it is. Never blocks: the stages complete on Lettuce's
 * threads. Thread-safe.
 */
public final class RedisLimits implements LimitCounters {

    /** Takes a call's places, requests and tokens from every scope, all or nothing (see the script's header). */
    private static final Scripts.Script TAKE = Scripts.load("limits-take.lua");
    /** Puts tokens back into a bucket, or takes more, once a call's usage is known. */
    private static final Scripts.Script ADJUST = Scripts.load("bucket-adjust.lua");

    private final RedisCluster cluster;
    private final LocalLimits local = new LocalLimits();
    /** This node's calls at once per scope, as Redis should count them. */
    private final ConcurrentHashMap<String, AtomicLong> placesHere = new ConcurrentHashMap<>();

    public RedisLimits(RedisCluster cluster) {
        this.cluster = cluster;
        cluster.onRecovery(this::restorePlaces);
    }

    /** What a call took in Redis (or, in {@code local}, on this node while Redis was down). */
    private record Taken(List<Limits> places, List<Bucket> tokens, LimitCounters.Taking local) { }

    /** A take from one bucket: a request, or a call's tokens, of one scope. */
    private record Bucket(Limits scope, boolean requests, String key, long capacity, long amount) { }

    @Override
    public CompletionStage<Taking> take(List<Limits> limits, long tokens) {
        if (!cluster.up()) {
            return CompletableFuture.completedFuture(takeHere(limits, tokens));
        }
        List<Limits> places = limits.stream().filter(l -> l.maxConcurrent() > 0).toList();
        List<Bucket> buckets = buckets(limits, tokens);
        if (places.isEmpty() && buckets.isEmpty()) {
            return CompletableFuture.completedFuture(admitted(places, buckets, List.of(0L)));
        }
        String[] keys = new String[places.size() + buckets.size() + 1];
        String[] args = new String[2 + places.size() + 2 * buckets.size()];
        args[0] = cluster.nodeId();
        args[1] = Integer.toString(places.size());
        for (int i = 0; i < places.size(); i++) {
            keys[i] = placesKey(places.get(i).scope());
            args[2 + i] = Long.toString(places.get(i).maxConcurrent());
        }
        for (int j = 0; j < buckets.size(); j++) {
            keys[places.size() + j] = buckets.get(j).key();
            args[2 + places.size() + 2 * j] = Long.toString(buckets.get(j).capacity());
            args[3 + places.size() + 2 * j] = Long.toString(buckets.get(j).amount());
        }
        keys[keys.length - 1] = cluster.key("nodes");
        return cluster.<List<Object>>eval(TAKE, ScriptOutputType.MULTI, keys, args)
                .thenApply(out -> answer(out, places, buckets))
                .exceptionally(e -> {
                    cluster.markDown(e);
                    return takeHere(limits, tokens);
                });
    }

    /** One request from each scope's requests bucket and the call's tokens from each tokens bucket. */
    private List<Bucket> buckets(List<Limits> limits, long tokens) {
        List<Bucket> buckets = new ArrayList<>();
        for (Limits l : limits) {
            if (l.rpm() > 0) {
                buckets.add(new Bucket(l, true, bucketKey(l.scope(), "rpm", l.rpm()), l.rpm(), 1));
            }
            if (l.tpm() > 0) { // a call bigger than the whole minute waits for a full one
                buckets.add(new Bucket(l, false, bucketKey(l.scope(), "tpm", l.tpm()), l.tpm(),
                        Math.min(tokens, l.tpm())));
            }
        }
        return buckets;
    }

    private Taking answer(List<Object> out, List<Limits> places, List<Bucket> buckets) {
        long code = RedisCluster.number(out.get(0));
        if (code == 1) {
            return Taking.refusal(places.get((int) RedisCluster.number(out.get(1)) - 1), "calls at once",
                    Duration.ofSeconds(1));
        }
        if (code == 2) {
            Bucket b = buckets.get((int) RedisCluster.number(out.get(1)) - 1);
            return Taking.refusal(b.scope(), b.requests() ? "requests per minute" : "tokens per minute",
                    Duration.ofMillis(Math.max(1, RedisCluster.number(out.get(2)))));
        }
        return admitted(places, buckets, out);
    }

    /** Admitted: {@code out} holds 0 and then the tokens left in each bucket. */
    private Taking admitted(List<Limits> places, List<Bucket> buckets, List<Object> out) {
        places.forEach(l -> placesHere.computeIfAbsent(l.scope(), k -> new AtomicLong()).incrementAndGet());
        Limits requests = null;
        Limits fewest = null;
        long requestsLeft = 0;
        long tokensLeft = 0;
        for (int j = 0; j < buckets.size(); j++) {
            Bucket b = buckets.get(j);
            long left = RedisCluster.number(out.get(j + 1));
            if (b.requests() && (requests == null || left < requestsLeft)) {
                requests = b.scope();
                requestsLeft = left;
            } else if (!b.requests() && (fewest == null || left < tokensLeft)) {
                fewest = b.scope();
                tokensLeft = left;
            }
        }
        List<Bucket> tokenBuckets = buckets.stream().filter(b -> !b.requests()).toList();
        return new Taking(null, null, null, requests, requestsLeft, fewest, tokensLeft,
                new Taken(places, tokenBuckets, null));
    }

    /** Counts on this node with its share of every limit (Redis is down). */
    private Taking takeHere(List<Limits> limits, long tokens) {
        int n = cluster.liveNodes();
        List<Limits> shares = limits.stream().map(l -> n == 1 ? l : new Limits(l.scope(), share(l.rpm(), n),
                share(l.tpm(), n), share(l.maxConcurrent(), n))).toList();
        Taking t = local.takeNow(shares, tokens);
        return t.admitted() ? new Taking(null, null, null, t.requests(), t.requestsLeft(), t.tokens(),
                t.tokensLeft(), new Taken(List.of(), List.of(), t)) : t;
    }

    private static long share(long limit, int nodes) {
        return limit <= 0 ? 0 : (limit + nodes - 1) / nodes;
    }

    @Override
    public void settle(Taking taking, long usedTokens) {
        Taken taken = (Taken) taking.state();
        if (taken.local() != null) {
            local.settle(taken.local(), usedTokens);
            return;
        }
        releasePlaces(taken.places());
        for (Bucket b : taken.tokens()) {
            if (usedTokens != b.amount()) {
                adjust(b, b.amount() - usedTokens);
            }
        }
    }

    /** Puts {@code tokens} back into {@code bucket} (below zero: takes them); a failure marks Redis down. */
    private void adjust(Bucket bucket, long tokens) {
        try {
            cluster.<Long>eval(ADJUST, ScriptOutputType.INTEGER, new String[] {bucket.key()}, Long.toString(tokens),
                    Long.toString(bucket.capacity())).exceptionally(e -> {
                        cluster.markDown(e);
                        return null;
                    });
        } catch (RuntimeException e) {
            cluster.markDown(e);
        }
    }

    /** Gives back this node's places; a failure is set right when Redis is back ({@link #restorePlaces}). */
    private void releasePlaces(List<Limits> places) {
        synchronized (cluster.mode()) {
            for (Limits l : places) {
                placesHere.get(l.scope()).decrementAndGet();
                if (cluster.up()) {
                    try {
                        cluster.commands().hincrby(placesKey(l.scope()), cluster.nodeId(), -1)
                                .exceptionally(e -> {
                                    cluster.markDown(e);
                                    return null;
                                });
                    } catch (RuntimeException e) {
                        cluster.markDown(e);
                    }
                }
            }
        }
    }

    /**
     * Redis is back (called holding {@link RedisCluster#mode()}): every scope's count of this node's calls at once is
     * set to what it is.
     */
    private List<CompletableFuture<?>> restorePlaces() {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        placesHere.forEach((scope, n) -> sent.add(cluster.commands().hset(placesKey(scope), cluster.nodeId(),
                RedisCluster.bytes(Long.toString(Math.max(0, n.get())))).toCompletableFuture()));
        return sent;
    }

    /** A bucket's key: the limit is in it, so that a changed limit starts a bucket of its own. */
    private String bucketKey(String scope, String kind, long limit) {
        return cluster.key("rl:" + scope + ":" + kind + ":" + limit);
    }

    private String placesKey(String scope) {
        return cluster.key("cc:" + scope);
    }
}
