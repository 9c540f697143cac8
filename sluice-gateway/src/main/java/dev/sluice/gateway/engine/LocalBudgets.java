package dev.sluice.gateway.engine;

import dev.sluice.api.access.Budget;
import dev.sluice.api.access.BudgetAlerts;
import dev.sluice.api.access.BudgetCounters;
import dev.sluice.api.access.Spend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Money budgets counted in this node's memory: per budget and period, what was spent and what calls in flight have
 * reserved. A budget's spend so far is read once from the ledger ({@link Spend}, on the worker pool) the first time it
 * is used in a period; until then its calls wait, never a loop thread. Reservations and spends of one budget are
 * serialised, so concurrent calls can never together pass its limit. Thread-safe.
 */
public final class LocalBudgets implements BudgetCounters {

    private final Spend spend;
    private final BudgetAlerts alerts;
    private final WorkerPool workers;
    private final ConcurrentHashMap<String, Account> accounts = new ConcurrentHashMap<>();

    public LocalBudgets(Spend spend, BudgetAlerts alerts, WorkerPool workers) {
        this.spend = spend;
        this.alerts = alerts;
        this.workers = workers;
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
    }

    /** What one call reserved. */
    private record Reserved(List<Account> accounts, long micros) { }

    @Override
    public CompletionStage<Reservation> reserve(List<Budget> budgets, long micros, Instant now) {
        List<Account> mine = new ArrayList<>(budgets.size());
        List<CompletableFuture<Void>> loads = new ArrayList<>(budgets.size());
        for (Budget b : budgets) {
            Account a = account(b, now);
            mine.add(a);
            CompletableFuture<Void> loaded = loaded(a);
            if (!loaded.isDone()) {
                loads.add(loaded);
            }
        }
        if (loads.isEmpty()) {
            return CompletableFuture.completedFuture(reserveNow(mine, micros));
        }
        return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new))
                .thenApply(v -> reserveNow(mine, micros));
    }

    /** The account's spend so far, read from the ledger once per period (again after a failed read). */
    private CompletableFuture<Void> loaded(Account a) {
        CompletableFuture<Void> loaded = a.loaded;
        if (loaded != null && !loaded.isCompletedExceptionally()) {
            return loaded;
        }
        synchronized (a) {
            if (a.loaded == null || a.loaded.isCompletedExceptionally()) {
                a.loaded = workers.submit(() -> spend.micros(a.budget.scope(), a.start), Runnable::run)
                        .thenAccept(m -> {
                            synchronized (a) {
                                a.spent += m;
                                // told before this node (or this run) saw it
                                a.alerted = Math.max(Thresholds.reached(a.spent, a.budget.limitMicros()), a.alerted);
                            }
                        });
            }
            return a.loaded;
        }
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

    /** Reserves {@code micros} from every account, or from none and names the one that cannot cover it. */
    private static Reservation reserveNow(List<Account> mine, long micros) {
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
                return new Reservation(a.budget, a.resets, null);
            }
            done.add(a);
        }
        return new Reservation(null, null, new Reserved(done, micros));
    }

    @Override
    public void settle(Reservation reservation, long spent) {
        Reserved r = (Reserved) reservation.state();
        for (Account a : r.accounts()) {
            int crossed;
            long now;
            synchronized (a) {
                a.reserved -= r.micros();
                a.spent += spent;
                int reached = Thresholds.reached(a.spent, a.budget.limitMicros());
                crossed = reached > a.alerted ? reached : 0;
                a.alerted = Math.max(a.alerted, reached);
                now = a.spent;
            }
            if (crossed > 0) {
                Thresholds.tell(alerts, a.budget, crossed, now, a.start);
            }
        }
    }

    /** Alert thresholds: which one a spend has reached, and telling it. */
    public static final class Thresholds {

        private Thresholds() { }

        /** The highest of {@link BudgetAlerts#THRESHOLDS} that {@code spent} has reached of {@code limit}, or 0. */
        public static int reached(long spent, long limit) {
            int reached = 0;
            for (int t : BudgetAlerts.THRESHOLDS) {
                if (spent * 100 >= (long) t * limit) {
                    reached = t;
                }
            }
            return reached;
        }

        /** Tells {@code alerts}; an alert is never worth failing a call for. */
        public static void tell(BudgetAlerts alerts, Budget b, int percent, long spent, Instant start) {
            try {
                alerts.crossed(b, percent, spent, start);
            } catch (RuntimeException e) {
                // told nowhere: the spend itself is in the ledger
            }
        }
    }
}
