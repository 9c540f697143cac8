package dev.sluice.gateway.engine;

import dev.sluice.api.access.KeyDirectory;
import dev.sluice.api.access.LimitCounters;
import dev.sluice.api.access.Limits;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Rate limits per key, use case and team: requests per minute, tokens per minute and calls at once, counted by
 * {@link LimitCounters} (this node's {@link LocalLimits}, or the cluster's shared counters). Before a call it takes one
 * request, the call's {@link WorstCase} in tokens and a place among the calls at once from every scope of the caller;
 * if any scope cannot give them, the call is refused with 429 and {@code retry-after} (the caller's API shape). After
 * the call it gives the place back and settles the tokens to the call's real usage. Every answer carries
 * {@code x-ratelimit-limit-requests}, {@code x-ratelimit-remaining-requests}, {@code x-ratelimit-limit-tokens} and
 * {@code x-ratelimit-remaining-tokens} of the caller's tightest scope. Runs on the event loops, never blocks; a shared
 * store's answer is taken back to the call's loop. Thread-safe.
 */
final class RateLimits implements Interceptor {

    private final java.util.function.Function<CallContext, List<Limits>> limitsOf;
    private final LimitCounters counters;

    /** The limits of the call's key, its use case and its team, counted by {@code counters}. */
    RateLimits(KeyDirectory keys, LimitCounters counters) {
        this(call -> keys.limits(call.caller()), counters);
    }

    /** The limits {@code limitsOf} gives for a call (the deployment's own, once routing chose it). */
    RateLimits(java.util.function.Function<CallContext, List<Limits>> limitsOf, LimitCounters counters) {
        this.limitsOf = limitsOf;
        this.counters = counters;
    }

    /** The deployments' own limits, by deployment name: applied after routing. */
    static RateLimits forDeployments(java.util.Map<String, Limits> byDeployment, LimitCounters counters) {
        return new RateLimits(call -> {
            Limits l = call.target() == null ? null : byDeployment.get(call.target().deployment().name());
            return l == null || l.none() ? List.of() : List.of(l);
        }, counters);
    }

    @Override
    public CompletionStage<ChatResult> chat(CallContext call, ChatInput input, Chain chain) {
        return around(call, () -> WorstCase.of(input).totalTokens(), () -> chain.chat(call, input),
                r -> r.usage().totalTokens());
    }

    @Override
    public CompletionStage<Void> stream(CallContext call, ChatInput input, ChatEventSink sink, Chain chain) {
        return around(call, () -> WorstCase.of(input).totalTokens(), () -> chain.stream(call, input, sink),
                done -> call.usage().totalTokens());
    }

    @Override
    public CompletionStage<EmbeddingResponse> embed(CallContext call, EmbeddingRequest request, Chain chain) {
        return around(call, () -> WorstCase.of(request).totalTokens(), () -> chain.embed(call, request),
                r -> r.usage().totalTokens());
    }

    /**
     * Takes the call's share, then runs the rest of the chain and settles: with the tokens {@code used} reports of its
     * result (a stream's usage is on the call by then), or, when it failed, what the call had reported so far (a
     * broken stream's).
     */
    private <T> CompletionStage<T> around(CallContext call, java.util.function.LongSupplier estimate,
                                          Supplier<CompletionStage<T>> rest,
                                          java.util.function.ToLongFunction<T> used) {
        List<Limits> all = limitsOf.apply(call);
        if (all.isEmpty()) {
            return rest.get();
        }
        long tokens = estimate.getAsLong(); // only for a call that something limits
        return OnLoop.then(call, counters.take(all, tokens), taking -> {
            headers(call, taking);
            if (!taking.admitted()) {
                throw refusal(taking);
            }
            CompletionStage<T> stage;
            try {
                stage = rest.get();
            } catch (RuntimeException e) {
                counters.settle(taking, 0);
                throw e;
            }
            return stage.whenComplete((v, e) -> counters.settle(taking, e == null ? used.applyAsLong(v)
                    : call.usage().totalTokens()));
        });
    }

    /** The tightest scope's figures, unless an earlier step (the key's limits before the deployment's) set them. */
    private static void headers(CallContext call, LimitCounters.Taking t) {
        if (t.requests() != null && !call.responseHeaders().containsKey("x-ratelimit-limit-requests")) {
            call.responseHeader("x-ratelimit-limit-requests", Long.toString(t.requests().rpm()));
            call.responseHeader("x-ratelimit-remaining-requests", Long.toString(t.requestsLeft()));
        }
        if (t.tokens() != null && !call.responseHeaders().containsKey("x-ratelimit-limit-tokens")) {
            call.responseHeader("x-ratelimit-limit-tokens", Long.toString(t.tokens().tpm()));
            call.responseHeader("x-ratelimit-remaining-tokens", Long.toString(t.tokensLeft()));
        }
    }

    private static GatewayException refusal(LimitCounters.Taking t) {
        Limits l = t.refusedBy();
        Duration retry = Duration.ofSeconds(Math.max(1, (t.retryAfter().toMillis() + 999) / 1000));
        return new GatewayException(new GatewayError(ErrorType.RATE_LIMITED, 429, "Rate limit reached: "
                + WorstCase.describe(l.scope()) + " allows " + amount(t.refused(), l) + " " + t.refused()
                + "; try again in " + retry.toSeconds() + " s.", null, retry, null));
    }

    private static long amount(String what, Limits l) {
        return switch (what) {
            case "requests per minute" -> l.rpm();
            case "tokens per minute" -> l.tpm();
            default -> l.maxConcurrent();
        };
    }
}
