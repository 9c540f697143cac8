package dev.sluice.gateway.engine;

import dev.sluice.api.access.Budget;
import dev.sluice.api.access.BudgetCounters;
import dev.sluice.api.access.CallCosts;
import dev.sluice.api.access.KeyDirectory;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Money budgets per key, use case and team, counted by {@link BudgetCounters} (this node's {@link LocalBudgets}, or
 * the cluster's shared counters). Before a call it reserves the call's {@link WorstCase} at the model's prices from
 * every budget of the caller; a budget that cannot cover it refuses the call with 429 ({@code QUOTA_EXCEEDED}:
 * OpenAI's {@code insufficient_quota}, Anthropic's {@code rate_limit_error}, Bedrock's
 * {@code ServiceQuotaExceededException}) naming the budget and when it resets. After the call the reservation is
 * released and the real cost (from the reported usage) is spent; a failed call spends what it reported, usually
 * nothing. Runs on the event loops, never blocks: a reservation that waits (a first read of the ledger, a shared
 * store) goes on on the call's loop. Thread-safe.
 */
final class Budgets implements Interceptor {

    private final KeyDirectory keys;
    private final CallCosts costs;
    private final BudgetCounters counters;

    Budgets(KeyDirectory keys, CallCosts costs, BudgetCounters counters) {
        this.keys = keys;
        this.costs = costs;
        this.counters = counters;
    }

    @Override
    public CompletionStage<ChatResult> chat(CallContext call, ChatInput input, Chain chain) {
        return around(call, input.model(), () -> WorstCase.of(input), () -> chain.chat(call, input),
                r -> call.cacheHit ? 0 : costs.micros(served(call, input.model()), r.usage()) + dropped(call));
    }

    @Override
    public CompletionStage<Void> stream(CallContext call, ChatInput input, ChatEventSink sink, Chain chain) {
        return around(call, input.model(), () -> WorstCase.of(input), () -> chain.stream(call, input, sink),
                done -> call.cacheHit ? 0 : costs.micros(served(call, input.model()), call.usage()));
    }

    @Override
    public CompletionStage<EmbeddingResponse> embed(CallContext call, EmbeddingRequest request, Chain chain) {
        return around(call, request.model(), () -> WorstCase.of(request), () -> chain.embed(call, request),
                r -> costs.micros(served(call, request.model()), r.usage()));
    }

    private <T> CompletionStage<T> around(CallContext call, String model, Supplier<Usage> worst,
                                          Supplier<CompletionStage<T>> rest, ToLongFunction<T> cost) {
        List<Budget> budgets = keys.budgets(call.caller());
        if (budgets.isEmpty()) {
            return rest.get();
        }
        long micros = costs.micros(model, worst.get());
        CompletionStage<BudgetCounters.Reservation> reserved = counters.reserve(budgets, micros, Instant.now())
                .exceptionally(e -> {
                    throw new GatewayException(new GatewayError(ErrorType.UPSTREAM_UNAVAILABLE, 503,
                            "The budget cannot be checked right now (the ledger cannot be read).", null,
                            Duration.ofSeconds(5), null));
                });
        return OnLoop.then(call, reserved, r -> {
            if (!r.reserved()) {
                throw exhausted(r);
            }
            CompletionStage<T> stage;
            try {
                stage = rest.get();
            } catch (RuntimeException e) {
                counters.settle(r, reportedSoFar(call));
                throw e;
            }
            return stage.whenComplete((v, e) -> counters.settle(r, e == null ? cost.applyAsLong(v)
                    : reportedSoFar(call)));
        });
    }

    /** The deployment that served the call (a route's), priced as its own model; the public name otherwise. */
    private static String served(CallContext call, String publicName) {
        return call.target() == null ? publicName : call.target().deployment().name();
    }

    /**
     * What a failed call cost: the usage it reported before failing (a broken stream's), at its model's price, and
     * the answers it dropped.
     */
    private long reportedSoFar(CallContext call) {
        return costs.micros(call.target() == null ? null : call.target().deployment().name(), call.usage())
                + dropped(call);
    }

    /** What the answers dropped for a content-policy fallback cost, each at its deployment's price. */
    private long dropped(CallContext call) {
        long micros = 0;
        for (var a : call.droppedAttempts()) {
            micros += costs.micros(a.deployment(), a.usage());
        }
        return micros;
    }

    private static GatewayException exhausted(BudgetCounters.Reservation r) {
        Budget b = r.refusedBy();
        String who = WorstCase.describe(b.scope());
        String usd = BigDecimal.valueOf(b.limitMicros(), 6).stripTrailingZeros().toPlainString();
        String resets = r.resets() == null ? "it does not reset (period: total)" : "it resets at " + r.resets();
        Duration retry = r.resets() == null ? null
                : Duration.ofSeconds(Math.max(1, Duration.between(Instant.now(), r.resets()).toSeconds()));
        return new GatewayException(new GatewayError(ErrorType.QUOTA_EXCEEDED, 429, "Budget exhausted: the budget of "
                + who + " ($" + usd + " per " + b.period() + ") cannot cover this call; " + resets + ".", null, retry,
                null));
    }
}
