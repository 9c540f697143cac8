package dev.sluice.gateway.engine;

import dev.sluice.api.access.KeyDirectory;
import dev.sluice.api.access.Limits;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Rate limits per key, use case and team, on this node: requests per minute and tokens per minute (Bucket4j token
 * buckets, refilled evenly over the minute) and calls at once. Before a call it takes one request, the call's
 * {@link WorstCase} in tokens and a place among the calls at once from every scope of the
 * caller; if any scope cannot give them, it gives back what it took and refuses the call with 429 and
 * {@code retry-after} (the caller's API shape). After the call it gives the place back and settles the tokens to the
 * call's real usage. Every answer carries {@code x-ratelimit-limit-requests}, {@code x-ratelimit-remaining-requests},
 * {@code x-ratelimit-limit-tokens} and {@code x-ratelimit-remaining-tokens} of the caller's tightest scope. Runs on the
 * event loops, never blocks. Thread-safe: a scope's buckets and counter are shared by all calls of the scope.
 */
final class RateLimits implements Interceptor {

    private final java.util.function.Function<CallContext, List<Limits>> limitsOf;
    private final ConcurrentHashMap<String, Scope> scopes = new ConcurrentHashMap<>();

    /** The limits of the call's key, its use case and its team. */
    RateLimits(KeyDirectory keys) {
        this(call -> keys.limits(call.caller()));
    }

    /** The limits {@code limitsOf} gives for a call (the deployment's own, once routing chose it). */
    RateLimits(java.util.function.Function<CallContext, List<Limits>> limitsOf) {
        this.limitsOf = limitsOf;
    }

    /** The deployments' own limits, by deployment name: applied after routing. */
    static RateLimits forDeployments(java.util.Map<String, Limits> byDeployment) {
        return new RateLimits(call -> {
            Limits l = call.target() == null ? null : byDeployment.get(call.target().deployment().name());
            return l == null || l.none() ? List.of() : List.of(l);
        });
    }

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

        /** A bucket of {@code n} per minute (at most one refilled token a nanosecond, as Bucket4j allows). */
        private static Bucket perMinute(long requested) {
            long n = Math.min(requested, 60_000_000_000L);
            // synchronized, not lock-free: a lock-free bucket makes a new state object on every take; two loops
            // rarely contend for one scope's lock
            return Bucket.builder().addLimit(Bandwidth.builder().capacity(n).refillGreedy(n, Duration.ofMinutes(1))
                    .build()).withSynchronizationStrategy(io.github.bucket4j.local.SynchronizationStrategy.SYNCHRONIZED)
                    .build();
        }
    }

    /** What one call took, to give back or settle. */
    private record Taken(List<Scope> places, List<Scope> requests, List<Scope> tokens, long estimate) { }

    @Override
    public CompletionStage<ChatResult> chat(CallContext call, ChatInput input, Chain chain) {
        Taken taken = take(call, () -> WorstCase.of(input).totalTokens());
        return settleAfter(call, taken, () -> chain.chat(call, input), r -> r.usage().totalTokens());
    }

    @Override
    public CompletionStage<Void> stream(CallContext call, ChatInput input, ChatEventSink sink, Chain chain) {
        Taken taken = take(call, () -> WorstCase.of(input).totalTokens());
        return settleAfter(call, taken, () -> chain.stream(call, input, sink), done -> call.usage().totalTokens());
    }

    @Override
    public CompletionStage<EmbeddingResponse> embed(CallContext call, EmbeddingRequest request, Chain chain) {
        Taken taken = take(call, () -> WorstCase.of(request).totalTokens());
        return settleAfter(call, taken, () -> chain.embed(call, request), r -> r.usage().totalTokens());
    }

    /**
     * Runs the rest of the chain, then settles: with the tokens {@code used} reports of its result (a stream's usage
     * is on the call by then), or, when it failed, what the call had reported so far (a broken stream's).
     */
    private <T> CompletionStage<T> settleAfter(CallContext call, Taken taken, Supplier<CompletionStage<T>> rest,
                                               java.util.function.ToLongFunction<T> used) {
        if (taken == null) {
            return rest.get();
        }
        CompletionStage<T> stage;
        try {
            stage = rest.get();
        } catch (RuntimeException e) {
            settle(taken, 0);
            throw e;
        }
        return stage.whenComplete((v, e) -> settle(taken, e == null ? used.applyAsLong(v)
                : call.usage().totalTokens()));
    }

    /** Takes the call's share from every scope, or gives it all back and refuses the call; null when unlimited. */
    private Taken take(CallContext call, java.util.function.LongSupplier estimates) {
        List<Limits> all = limitsOf.apply(call);
        if (all.isEmpty()) {
            return null;
        }
        long estimate = estimates.getAsLong(); // only for a call that something limits
        Taken taken = new Taken(new ArrayList<>(3), new ArrayList<>(3), new ArrayList<>(3), estimate);
        Scope tightestRequests = null;
        long requestsLeft = Long.MAX_VALUE;
        Scope tightestTokens = null;
        long tokensLeft = Long.MAX_VALUE;
        for (Limits l : all) {
            Scope s = scopes.compute(l.scope(), (k, old) -> old != null && old.limits.equals(l) ? old : new Scope(l));
            if (l.maxConcurrent() > 0) {
                if (s.inFlight.incrementAndGet() > l.maxConcurrent()) {
                    s.inFlight.decrementAndGet();
                    refuse(taken, "calls at once", l, Duration.ofSeconds(1));
                }
                taken.places().add(s);
            }
            if (s.requests != null) {
                ConsumptionProbe p = s.requests.tryConsumeAndReturnRemaining(1);
                if (!p.isConsumed()) {
                    refuse(taken, "requests per minute", l, Duration.ofNanos(p.getNanosToWaitForRefill()));
                }
                taken.requests().add(s);
                if (p.getRemainingTokens() < requestsLeft) {
                    requestsLeft = p.getRemainingTokens();
                    tightestRequests = s;
                }
            }
            if (s.tokens != null) {
                long want = Math.min(estimate, l.tpm()); // a call bigger than the whole minute waits for a full one
                ConsumptionProbe p = s.tokens.tryConsumeAndReturnRemaining(want);
                if (!p.isConsumed()) {
                    refuse(taken, "tokens per minute", l, Duration.ofNanos(p.getNanosToWaitForRefill()));
                }
                taken.tokens().add(s);
                if (p.getRemainingTokens() < tokensLeft) {
                    tokensLeft = p.getRemainingTokens();
                    tightestTokens = s;
                }
            }
        }
        if (tightestRequests != null && !call.responseHeaders().containsKey("x-ratelimit-limit-requests")) {
            call.responseHeader("x-ratelimit-limit-requests", Long.toString(tightestRequests.limits.rpm()));
            call.responseHeader("x-ratelimit-remaining-requests", Long.toString(requestsLeft));
        }
        if (tightestTokens != null && !call.responseHeaders().containsKey("x-ratelimit-limit-tokens")) {
            call.responseHeader("x-ratelimit-limit-tokens", Long.toString(tightestTokens.limits.tpm()));
            call.responseHeader("x-ratelimit-remaining-tokens", Long.toString(tokensLeft));
        }
        return taken;
    }

    /** Gives back what was taken so far and refuses the call. */
    private static void refuse(Taken taken, String what, Limits l, Duration wait) {
        taken.places().forEach(s -> s.inFlight.decrementAndGet());
        taken.requests().forEach(s -> s.requests.addTokens(1));
        taken.tokens().forEach(s -> s.tokens.addTokens(Math.min(taken.estimate(), s.limits.tpm())));
        Duration retry = Duration.ofSeconds(Math.max(1, (wait.toMillis() + 999) / 1000));
        throw new GatewayException(new GatewayError(ErrorType.RATE_LIMITED, 429, "Rate limit reached: "
                + WorstCase.describe(l.scope()) + " allows " + amount(what, l) + " " + what + "; try again in "
                + retry.toSeconds()
                + " s.", null, retry, null));
    }

    private static long amount(String what, Limits l) {
        return switch (what) {
            case "requests per minute" -> l.rpm();
            case "tokens per minute" -> l.tpm();
            default -> l.maxConcurrent();
        };
    }

    /** Gives the places back and settles the tokens taken to what the call really used. */
    private static void settle(Taken taken, long used) {
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
}
