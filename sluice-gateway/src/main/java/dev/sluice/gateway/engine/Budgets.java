package dev.sluice.gateway.engine;

import dev.sluice.api.access.Budget;
import dev.sluice.api.access.CallCosts;
import dev.sluice.api.access.KeyDirectory;
import dev.sluice.api.access.Spend;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Money budgets per key, use case and team, on this node. Before a call it reserves the call's {@link WorstCase} at
 * the model's prices from every budget of
 * the caller; a budget that cannot cover it refuses the call with 429 ({@code QUOTA_EXCEEDED}: OpenAI's
 * {@code insufficient_quota}, Anthropic's {@code rate_limit_error}, Bedrock's {@code ServiceQuotaExceededException})
 * naming the budget and when it resets. After the call the reservation is released and the real cost (from the
 * reported usage) is spent; a failed call spends what it reported, usually nothing. Reservations and spends of one
 * budget are serialised, so concurrent calls can never together pass its limit.
 *
 * <p>A budget's spend so far in its period is read once from the ledger ({@link Spend}, on the worker pool) the first
 * time the budget is used in that period; a call waits for that, never a loop thread. Runs on the event loops.
 * Thread-safe.
 */
final class Budgets implements Interceptor {

    private final KeyDirectory keys;
    private final CallCosts costs;
    private final Spend spend;
    private final dev.sluice.api.access.BudgetAlerts alerts;
    private final ConcurrentHashMap<String, Account> accounts = new ConcurrentHashMap<>();

    Budgets(KeyDirectory keys, CallCosts costs, Spend spend, dev.sluice.api.access.BudgetAlerts alerts) {
        this.keys = keys;
        this.costs = costs;
        this.spend = spend;
        this.alerts = alerts;
    }

    /** One budget in one period. Guarded by itself. */
    private static final class Account {
        final Budget budget;
        final Instant start;
        final Instant resets;
        volatile CompletableFuture<Void> loaded;
        long spent;
        long reserved;
        /** The highest alert threshold already told in this period (so each is told once). */
        int alerted;

        Account(Budget budget, Instant start, Instant resets) {
            this.budget = budget;
            this.start = start;
            this.resets = resets;
        }

        /** The threshold that {@link #spent} has newly reached, or 0; marks it told. Guarded by this. */
        int newlyCrossed() {
            int reached = 0;
            for (int t : dev.sluice.api.access.BudgetAlerts.THRESHOLDS) {
                if (t > alerted && spent * 100 >= (long) t * budget.limitMicros()) {
                    reached = t;
                }
            }
            if (reached > 0) {
                alerted = reached;
            }
            return reached;
        }
    }

    /** What one call reserved. */
    private record Reserved(List<Account> accounts, long micros) { }

    @Override
    public CompletionStage<ChatResult> chat(CallContext call, ChatInput input, Chain chain) {
        return around(call, input.model(), () -> WorstCase.of(input), () -> chain.chat(call, input),
                r -> costs.micros(input.model(), r.usage()));
    }

    @Override
    public CompletionStage<Void> stream(CallContext call, ChatInput input, ChatEventSink sink, Chain chain) {
        return around(call, input.model(), () -> WorstCase.of(input), () -> chain.stream(call, input, sink),
                done -> costs.micros(input.model(), call.usage()));
    }

    @Override
    public CompletionStage<EmbeddingResponse> embed(CallContext call, EmbeddingRequest request, Chain chain) {
        return around(call, request.model(), () -> WorstCase.of(request), () -> chain.embed(call, request),
                r -> costs.micros(request.model(), r.usage()));
    }

    private <T> CompletionStage<T> around(CallContext call, String model, Supplier<Usage> worst,
                                          Supplier<CompletionStage<T>> rest, ToLongFunction<T> cost) {
        List<Budget> budgets = keys.budgets(call.caller());
        if (budgets.isEmpty()) {
            return rest.get();
        }
        Instant now = Instant.now();
        List<Account> mine = new ArrayList<>(budgets.size());
        List<CompletableFuture<Void>> loads = new ArrayList<>(budgets.size());
        for (Budget b : budgets) {
            Account a = account(b, now);
            mine.add(a);
            CompletableFuture<Void> loaded = a.loaded;
            if (loaded == null || loaded.isCompletedExceptionally()) {
                synchronized (a) {
                    if (a.loaded == null || a.loaded.isCompletedExceptionally()) {
                        Instant from = b.periodStart(now);
                        a.loaded = call.offload(() -> spend.micros(b.scope(), from)).toCompletableFuture()
                                .thenAccept(m -> {
                                    synchronized (a) {
                                        a.spent += m;
                                        a.alerted = alreadyTold(a); // told before this node (or this run) saw it
                                    }
                                });
                    }
                    loaded = a.loaded;
                }
            }
            if (!loaded.isDone()) {
                loads.add(loaded);
            }
        }
        long micros = costs.micros(model, worst.get());
        if (loads.isEmpty()) {
            return reserveAndRun(call, mine, micros, rest, cost);
        }
        return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).handle((v, e) -> e)
                .thenComposeAsync(e -> {
                    if (e != null) {
                        throw new GatewayException(new GatewayError(ErrorType.UPSTREAM_UNAVAILABLE, 503,
                                "The budget cannot be checked right now (the ledger cannot be read).", null,
                                Duration.ofSeconds(5), null));
                    }
                    return reserveAndRun(call, mine, micros, rest, cost);
                }, call.loop());
    }

    private <T> CompletionStage<T> reserveAndRun(CallContext call, List<Account> mine, long micros,
                                                 Supplier<CompletionStage<T>> rest, ToLongFunction<T> cost) {
        Reserved reserved = reserve(mine, micros);
        CompletionStage<T> stage;
        try {
            stage = rest.get();
        } catch (RuntimeException e) {
            settle(reserved, reportedSoFar(call));
            throw e;
        }
        return stage.whenComplete((v, e) -> settle(reserved, e == null ? cost.applyAsLong(v) : reportedSoFar(call)));
    }

    /** What a failed call cost: the usage it reported before failing (a broken stream's), at its model's price. */
    private long reportedSoFar(CallContext call) {
        return costs.micros(call.target() == null ? null : call.target().deployment().name(), call.usage());
    }

    private Account account(Budget b, Instant now) {
        Instant start = b.periodStart(now);
        String id = b.scope() + "@" + start + "/" + b.limitMicros() + "/" + b.period();
        Account a = accounts.get(id);
        if (a == null) {
            accounts.values().removeIf(old -> old.resets != null && !now.isBefore(old.resets));
            a = accounts.computeIfAbsent(id, k -> new Account(b, start, b.periodEnd(now)));
        }
        return a;
    }

    /** Reserves {@code micros} from every account, or none and refuses the call. */
    private static Reserved reserve(List<Account> mine, long micros) {
        List<Account> done = new ArrayList<>(mine.size());
        for (Account a : mine) {
            boolean ok;
            synchronized (a) {
                ok = a.spent + a.reserved + micros <= a.budget.limitMicros();
                if (ok) {
                    a.reserved += micros;
                }
            }
            if (!ok) {
                for (Account d : done) {
                    synchronized (d) {
                        d.reserved -= micros;
                    }
                }
                throw exhausted(a);
            }
            done.add(a);
        }
        return new Reserved(done, micros);
    }

    private void settle(Reserved r, long spent) {
        for (Account a : r.accounts()) {
            int crossed;
            long now;
            synchronized (a) {
                a.reserved -= r.micros();
                a.spent += spent;
                crossed = a.newlyCrossed();
                now = a.spent;
            }
            if (crossed > 0) {
                try {
                    alerts.crossed(a.budget, crossed, now, a.start);
                } catch (RuntimeException e) {
                    // an alert is never worth failing a call for
                }
            }
        }
    }

    /** The highest threshold the spend read from the ledger had already reached: not told again. */
    private static int alreadyTold(Account a) {
        int told = 0;
        for (int t : dev.sluice.api.access.BudgetAlerts.THRESHOLDS) {
            if (a.spent * 100 >= (long) t * a.budget.limitMicros()) {
                told = t;
            }
        }
        return Math.max(told, a.alerted);
    }

    private static GatewayException exhausted(Account a) {
        Budget b = a.budget;
        String who = WorstCase.describe(b.scope());
        String usd = BigDecimal.valueOf(b.limitMicros(), 6).stripTrailingZeros().toPlainString();
        String resets = a.resets == null ? "it does not reset (period: total)" : "it resets at " + a.resets;
        Duration retry = a.resets == null ? null
                : Duration.ofSeconds(Math.max(1, Duration.between(Instant.now(), a.resets).toSeconds()));
        return new GatewayException(new GatewayError(ErrorType.QUOTA_EXCEEDED, 429, "Budget exhausted: the budget of "
                + who + " ($" + usd + " per " + b.period() + ") cannot cover this call; " + resets + ".", null, retry,
                null));
    }
}
