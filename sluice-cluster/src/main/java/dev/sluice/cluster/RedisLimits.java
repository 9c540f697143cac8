package dev.sluice.cluster;

import dev.sluice.api.access.LimitCounters;
import dev.sluice.api.access.Limits;
import dev.sluice.gateway.engine.LocalLimits;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rate limits shared by every node through Redis: requests and tokens per minute in Bucket4j's Redis token buckets
 * (one per scope and limit, refilled whole each minute as on one node), calls at once in one hash per scope holding
 * each live node's count (a script admits a call only while the live nodes' counts stay under the limit, and drops
 * the counts of nodes that stopped beating). A call takes its place first, then its requests and tokens from every
 * scope at once; if any refuses, everything is given back.
 *
 * <p>While Redis is down ({@link RedisCluster#up()}), or when it fails a call, limits are counted on this node
 * ({@link LocalLimits}) with each limit divided by the live nodes last seen, rounded up; when Redis is back each scope's
 * count of this node's calls at once is written back to what it is. Never blocks: the stages complete on Lettuce's
 * threads. Thread-safe.
 */
public final class RedisLimits implements LimitCounters {

    /** Takes a place among the calls at once from every scope, all or nothing: 0, or the 1-based scope that is full. */
    private static final Scripts.Script TAKE_PLACES = Scripts.load("places-take.lua");

    private final RedisCluster cluster;
    /** Bucket4j's buckets in Redis, made once Redis was first reached. */
    private volatile AsyncProxyManager<String> buckets;
    private final LocalLimits local = new LocalLimits();
    private final ConcurrentHashMap<String, AsyncBucketProxy> proxies = new ConcurrentHashMap<>();
    /** This node's calls at once per scope, as Redis should count them. */
    private final ConcurrentHashMap<String, AtomicLong> placesHere = new ConcurrentHashMap<>();

    public RedisLimits(RedisCluster cluster) {
        this.cluster = cluster;
        cluster.onRecovery(this::restorePlaces);
    }

    /** What a call took in Redis (or, in {@code local}, on this node while Redis was down). */
    private record Taken(List<Limits> places, List<BucketTake> tokens, LimitCounters.Taking local) { }

    @Override
    public CompletionStage<Taking> take(List<Limits> limits, long tokens) {
        if (!cluster.up()) {
            return CompletableFuture.completedFuture(takeHere(limits, tokens));
        }
        List<Limits> withPlaces = limits.stream().filter(l -> l.maxConcurrent() > 0).toList();
        CompletableFuture<Long> places = withPlaces.isEmpty() ? CompletableFuture.completedFuture(0L)
                : takePlaces(withPlaces);
        return places.thenCompose(full -> {
            if (full > 0) {
                return CompletableFuture.completedFuture(
                        Taking.refusal(withPlaces.get((int) (full - 1)), "calls at once", Duration.ofSeconds(1)));
            }
            withPlaces.forEach(l -> placesHere.computeIfAbsent(l.scope(), k -> new AtomicLong()).incrementAndGet());
            try {
                return takeBuckets(limits, tokens, withPlaces);
            } catch (RuntimeException e) {
                releasePlaces(withPlaces);
                throw e;
            }
        }).exceptionally(e -> {
            cluster.markDown(e);
            return takeHere(limits, tokens);
        });
    }

    private CompletableFuture<Long> takePlaces(List<Limits> withPlaces) {
        String[] keys = new String[withPlaces.size() + 1];
        String[] args = new String[withPlaces.size() + 1];
        args[0] = cluster.nodeId();
        for (int i = 0; i < withPlaces.size(); i++) {
            keys[i] = placesKey(withPlaces.get(i).scope());
            args[i + 1] = Long.toString(withPlaces.get(i).maxConcurrent());
        }
        keys[withPlaces.size()] = cluster.key("nodes");
        return cluster.<Long>eval(TAKE_PLACES, ScriptOutputType.INTEGER, keys, args);
    }

    /** One take from one bucket: a request, or a call's tokens, of one scope. */
    private record BucketTake(Limits scope, boolean requests, AsyncBucketProxy bucket, long amount,
                              CompletableFuture<ConsumptionProbe> probe) {

        boolean taken() {
            return !probe.isCompletedExceptionally() && probe.join().isConsumed();
        }

        long left() {
            return probe.join().getRemainingTokens();
        }
    }

    /** One request and the tokens from every bucket at once; everything back if any refuses. */
    private CompletableFuture<Taking> takeBuckets(List<Limits> limits, long tokens, List<Limits> withPlaces) {
        List<BucketTake> takes = new ArrayList<>();
        for (Limits l : limits) {
            if (l.rpm() > 0) {
                AsyncBucketProxy b = bucket(l.scope() + ":rpm:" + l.rpm(), l.rpm());
                takes.add(new BucketTake(l, true, b, 1, b.tryConsumeAndReturnRemaining(1)));
            }
            if (l.tpm() > 0) {
                long want = Math.min(tokens, l.tpm()); // a call bigger than the whole minute waits for a full one
                AsyncBucketProxy b = bucket(l.scope() + ":tpm:" + l.tpm(), l.tpm());
                takes.add(new BucketTake(l, false, b, want, b.tryConsumeAndReturnRemaining(want)));
            }
        }
        return CompletableFuture.allOf(takes.stream().map(BucketTake::probe).toArray(CompletableFuture[]::new))
                .handle((v, failure) -> {
                    BucketTake refused = takes.stream().filter(t -> !t.probe().isCompletedExceptionally()
                            && !t.probe().join().isConsumed()).findFirst().orElse(null);
                    if (failure != null || refused != null) {
                        takes.stream().filter(BucketTake::taken).forEach(t -> t.bucket().addTokens(t.amount()));
                        releasePlaces(withPlaces);
                        if (failure != null) {
                            throw new java.util.concurrent.CompletionException(failure);
                        }
                        return Taking.refusal(refused.scope(), refused.requests() ? "requests per minute"
                                : "tokens per minute", Duration.ofNanos(refused.probe().join()
                                .getNanosToWaitForRefill()));
                    }
                    BucketTake requests = takes.stream().filter(BucketTake::requests)
                            .min(java.util.Comparator.comparingLong(BucketTake::left)).orElse(null);
                    List<BucketTake> tokenTakes = takes.stream().filter(t -> !t.requests()).toList();
                    BucketTake fewestTokens = tokenTakes.stream()
                            .min(java.util.Comparator.comparingLong(BucketTake::left)).orElse(null);
                    return new Taking(null, null, null, requests == null ? null : requests.scope(),
                            requests == null ? 0 : requests.left(),
                            fewestTokens == null ? null : fewestTokens.scope(),
                            fewestTokens == null ? 0 : fewestTokens.left(), new Taken(withPlaces, tokenTakes, null));
                });
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
        for (BucketTake t : taken.tokens()) {
            if (usedTokens > t.amount()) {
                t.bucket().consumeIgnoringRateLimits(usedTokens - t.amount());
            } else if (usedTokens < t.amount()) {
                t.bucket().addTokens(t.amount() - usedTokens);
            }
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

    private AsyncBucketProxy bucket(String name, long perMinute) {
        if (buckets == null) {
            synchronized (this) {
                if (buckets == null) {
                    buckets = Bucket4jLettuce.casBasedBuilder(cluster.commands())
                            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                    Duration.ofSeconds(10)))
                            .build().asAsync();
                }
            }
        }
        return proxies.computeIfAbsent(name, k -> {
            long n = Math.min(perMinute, 60_000_000_000L);
            BucketConfiguration config = BucketConfiguration.builder()
                    .addLimit(Bandwidth.builder().capacity(n).refillIntervally(n, Duration.ofMinutes(1)).build()).build();
            return buckets.builder().build(cluster.key("rl:" + k), () -> CompletableFuture.completedFuture(config));
        });
    }

    private String placesKey(String scope) {
        return cluster.key("cc:" + scope);
    }
}
