package dev.sluice.gateway.engine;

import dev.sluice.api.access.LimitCounters;
import dev.sluice.api.access.Limits;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rate limits counted in this node's memory: requests and tokens per minute in Bucket4j token buckets and calls at
 * once in a counter, per scope. A bucket is refilled whole once a minute (not a little at a time), so each minute
 * counted from its first use admits at most the limit, as callers read "per minute". Answers at once, on the caller's thread. Thread-safe: a
 * scope's buckets and counter are shared by all calls of the scope, and replaced when its limits change.
 */
public final class LocalLimits implements LimitCounters {

    private final ConcurrentHashMap<String, Scope> scopes = new ConcurrentHashMap<>();

    /** The live state of one scope, for one version of its limits. */
    private static final class Scope {
        final Limits limits;
        final Bucket requests;
        final Bucket tokens;
        final AtomicLong inFlight = new AtomicLong();

        Scope(Limits limits) {
            this.limits = limits;
            this.requests = limits.rpm() > 0 ? perMinute(limits.rpm()) : null;
            this.tokens = limits.tpm() > 0 ? perMinute(limits.tpm()) : null;
        }

        /** A bucket of {@code n} per minute (at most 6e10, as Bucket4j allows), refilled whole each minute. */
        private static Bucket perMinute(long requested) {
            long n = Math.min(requested, 60_000_000_000L);
            // synchronized, not lock-free: a lock-free bucket makes a new state object on every take; two loops
            // rarely contend for one scope's lock
            return Bucket.builder().addLimit(Bandwidth.builder().capacity(n).refillIntervally(n, Duration.ofMinutes(1))
                    .build()).withSynchronizationStrategy(io.github.bucket4j.local.SynchronizationStrategy.SYNCHRONIZED)
                    .build();
        }
    }

    /** What one call took, to give back or settle. */
    private record Taken(List<Scope> places, List<Scope> requests, List<Scope> tokens, long estimate) { }

    @Override
    public CompletionStage<Taking> take(List<Limits> all, long estimate) {
        return CompletableFuture.completedFuture(takeNow(all, estimate));
    }

    /** As {@link #take}, answered on this thread. */
    public Taking takeNow(List<Limits> all, long estimate) {
        Taken taken = new Taken(new ArrayList<>(3), new ArrayList<>(3), new ArrayList<>(3), estimate);
        Limits tightestRequests = null;
        long requestsLeft = Long.MAX_VALUE;
        Limits tightestTokens = null;
        long tokensLeft = Long.MAX_VALUE;
        for (Limits l : all) {
            Scope s = scopes.compute(l.scope(), (k, old) -> old != null && old.limits.equals(l) ? old : new Scope(l));
            if (l.maxConcurrent() > 0) {
                if (s.inFlight.incrementAndGet() > l.maxConcurrent()) {
                    s.inFlight.decrementAndGet();
                    return giveBack(taken, l, "calls at once", Duration.ofSeconds(1));
                }
                taken.places().add(s);
            }
            if (s.requests != null) {
                ConsumptionProbe p = s.requests.tryConsumeAndReturnRemaining(1);
                if (!p.isConsumed()) {
                    return giveBack(taken, l, "requests per minute", Duration.ofNanos(p.getNanosToWaitForRefill()));
                }
                taken.requests().add(s);
                if (p.getRemainingTokens() < requestsLeft) {
                    requestsLeft = p.getRemainingTokens();
                    tightestRequests = l;
                }
            }
            if (s.tokens != null) {
                long want = Math.min(estimate, l.tpm()); // a call bigger than the whole minute waits for a full one
                ConsumptionProbe p = s.tokens.tryConsumeAndReturnRemaining(want);
                if (!p.isConsumed()) {
                    return giveBack(taken, l, "tokens per minute", Duration.ofNanos(p.getNanosToWaitForRefill()));
                }
                taken.tokens().add(s);
                if (p.getRemainingTokens() < tokensLeft) {
                    tokensLeft = p.getRemainingTokens();
                    tightestTokens = l;
                }
            }
        }
        return new Taking(null, null, null, tightestRequests, requestsLeft, tightestTokens, tokensLeft, taken);
    }

    /** Gives back what was taken so far: the call is refused. */
    private static Taking giveBack(Taken taken, Limits l, String what, Duration wait) {
        taken.places().forEach(s -> s.inFlight.decrementAndGet());
        taken.requests().forEach(s -> s.requests.addTokens(1));
        taken.tokens().forEach(s -> s.tokens.addTokens(Math.min(taken.estimate(), s.limits.tpm())));
        return Taking.refusal(l, what, wait);
    }

    @Override
    public void settle(Taking taking, long used) {
        Taken taken = (Taken) taking.state();
        taken.places().forEach(s -> s.inFlight.decrementAndGet());
        for (Scope s : taken.tokens()) {
            long took = Math.min(taken.estimate(), s.limits.tpm());
            if (used > took) {
                s.tokens.consumeIgnoringRateLimits(used - took);
            } else if (used < took) {
                s.tokens.addTokens(took - used);
            }
        }
    }

    /** Calls of {@code scope} in flight on this node now (0 when it has no limit on calls at once). */
    public long inFlight(String scope) {
        Scope s = scopes.get(scope);
        return s == null ? 0 : s.inFlight.get();
    }
}
