package dev.sluice.cluster;

import dev.sluice.api.access.Budget;
import dev.sluice.api.access.BudgetAlerts;
import dev.sluice.api.access.BudgetCounters;
import dev.sluice.api.access.Spend;
import dev.sluice.gateway.engine.LocalBudgets.Thresholds;
import dev.sluice.gateway.engine.WorkerPool;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Money budgets shared by every node through Redis: one hash per budget and period holds what was spent and, per live
 * node, what its calls in flight have reserved. One script checks every budget of a call and reserves from all or
 * none, so concurrent calls on any number of nodes can never together pass a limit; another releases and spends after
 * the call and says which alert threshold the spend newly reached (told once in the cluster). A budget's hash starts
 * from the ledger's spend so far in the period (read by whichever node needs it first; the first write wins). The
 * reservations of a node that stops beating are dropped by the next call that reads them.
 *
 * <p>While Redis is down each node spends only its share of what was left when it last saw the budget (what was
 * neither spent nor reserved, ÷ live nodes), counted here. When Redis is back, each node sets its reservations there
 * to what its calls in flight hold, and adds what it spent meanwhile (skipped for a budget Redis lost, which starts
 * again from the ledger, where those calls are). A command that timed out may still have been applied: its
 * reservation is set right by the same hand-back, and its spend may be told twice (a budget can then be spent a
 * little less than it could, never more). Thread-safe.
 */
public final class RedisBudgets implements BudgetCounters {

    /**
     * Reserves ARGV[2] micro-dollars for node ARGV[1] from every budget, or from none. KEYS: the budgets, then the
     * live nodes; ARGV[2 + i]: budget i's limit. Answers {1, 0}, {0, i} when budget i cannot cover it, or {-1, i}
     * when budget i has not been started from the ledger; then (but for -1) what each budget has committed: its spend
     * and the live nodes' reservations, this call's included.
     */
    private static final Scripts.Script RESERVE = Scripts.load("budget-reserve.lua");

    /** Starts a budget from the ledger unless another node did: ARGV spend, threshold already told, ttl (0: none). */
    private static final Scripts.Script SEED = Scripts.load("budget-seed.lua");

    /**
     * Releases node ARGV[1]'s reservation of ARGV[2] and spends ARGV[3] in every budget (ARGV[3 + i]: budget i's
     * limit); answers per budget the alert threshold newly reached (or 0) and the spend.
     */
    private static final Scripts.Script SETTLE = Scripts.load("budget-settle.lua");

    /**
     * After Redis was away: sets node ARGV[1]'s reservation to ARGV[2] (what its calls in flight hold) and spends
     * ARGV[3], what it spent meanwhile, unless the budget was lost (it then starts again from the ledger).
     */
    private static final Scripts.Script HAND_BACK = Scripts.load("budget-hand-back.lua");

    private final RedisCluster cluster;
    private final Spend spend;
    private final BudgetAlerts alerts;
    private final WorkerPool workers;
    /**
     * What each budget had committed (spent and reserved) when last seen in Redis, or its spend read from the ledger,
     * by budget key: where a share starts from, so the calls in flight when Redis went away are not spent twice.
     */
    private final ConcurrentHashMap<String, Long> lastSeen = new ConcurrentHashMap<>();
    /** While Redis is down: this node's share of each budget. */
    private final ConcurrentHashMap<String, Share> shares = new ConcurrentHashMap<>();
    /** What this node's calls in flight have reserved in Redis, by budget key (the truth Redis is set back to). */
    private final ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicLong> reservedHere =
            new ConcurrentHashMap<>();
    /** What Redis must still be told this node spent, by budget key: spends made while it was away. */
    private final ConcurrentHashMap<String, Long> owed = new ConcurrentHashMap<>();

    public RedisBudgets(RedisCluster cluster, Spend spend, BudgetAlerts alerts, WorkerPool workers) {
        this.cluster = cluster;
        this.spend = spend;
        this.alerts = alerts;
        this.workers = workers;
        cluster.onRecovery(this::recover);
    }

    /** This node's share of a budget while Redis is down. Guarded by itself. */
    private static final class Share {
        final long limit;
        final long start;
        final int nodes;
        long spentHere;
        long reserved;

        Share(long limit, long start, int nodes) {
            this.limit = limit;
            this.start = start;
            this.nodes = nodes;
        }

        /** What this node may still reserve: its part of what was left. */
        boolean covers(long micros) {
            return start + (spentHere + reserved + micros) * nodes <= limit;
        }
    }

    /** What one call reserved: in Redis, or (shares not null) on this node. */
    private record Held(List<String> keys, List<Budget> budgets, List<Instant> starts, long micros,
                        List<Share> shares) { }

    @Override
    public CompletionStage<Reservation> reserve(List<Budget> budgets, long micros, Instant now) {
        List<String> keys = new ArrayList<>(budgets.size());
        List<Instant> starts = new ArrayList<>(budgets.size());
        for (Budget b : budgets) {
            Instant start = b.periodStart(now);
            starts.add(start);
            keys.add(cluster.key("budget:" + b.scope() + "@" + start.getEpochSecond()));
        }
        Held held = new Held(keys, budgets, starts, micros, null);
        if (!cluster.up()) {
            return reserveHere(held, now);
        }
        return reserveInRedis(held, now, 3).exceptionallyCompose(e -> {
            cluster.markDown(e);
            return reserveHere(held, now);
        });
    }

    private CompletableFuture<Reservation> reserveInRedis(Held held, Instant now, int triesLeft) {
        int n = held.keys().size();
        String[] keys = held.keys().toArray(new String[n + 1]);
        keys[n] = cluster.key("nodes");
        String[] args = new String[n + 2];
        args[0] = cluster.nodeId();
        args[1] = Long.toString(held.micros());
        for (int i = 0; i < n; i++) {
            args[i + 2] = Long.toString(held.budgets().get(i).limitMicros());
        }
        return cluster.<List<Object>>eval(RESERVE, ScriptOutputType.MULTI, keys, args).thenCompose(out -> {
            long status = RedisCluster.number(out.get(0));
            int index = (int) RedisCluster.number(out.get(1)) - 1;
            if (status == -1) {
                if (triesLeft == 0) {
                    throw new IllegalStateException("the budget " + held.keys().get(index) + " does not start");
                }
                return seed(held.keys().get(index), held.budgets().get(index), held.starts().get(index), now)
                        .thenCompose(v -> reserveInRedis(held, now, triesLeft - 1));
            }
            for (int i = 0; i < n; i++) {
                lastSeen.put(held.keys().get(i), RedisCluster.number(out.get(2 + i)));
            }
            if (status == 0) {
                Budget b = held.budgets().get(index);
                return CompletableFuture.completedFuture(new Reservation(b, b.periodEnd(now), null));
            }
            held.keys().forEach(k -> reservedHere.computeIfAbsent(k, x -> new java.util.concurrent.atomic.AtomicLong())
                    .addAndGet(held.micros()));
            return CompletableFuture.completedFuture(new Reservation(null, null, held));
        });
    }

    /** Starts a budget's hash from the ledger's spend so far (read on the worker pool). */
    private CompletableFuture<Void> seed(String key, Budget b, Instant start, Instant now) {
        return workers.submit(() -> spend.micros(b.scope(), start), Runnable::run).thenCompose(spent -> {
            Instant end = b.periodEnd(now);
            long ttl = end == null ? 0 : Duration.between(now, end).plusDays(1).toSeconds();
            return cluster.<Long>eval(SEED, ScriptOutputType.INTEGER, new String[] {key}, Long.toString(spent),
                    Integer.toString(Thresholds.reached(spent, b.limitMicros())), Long.toString(ttl));
        }).thenAccept(seen -> lastSeen.put(key, seen));
    }

    /** Reserves from this node's shares (Redis is down); a budget never seen is first read from the ledger. */
    private CompletableFuture<Reservation> reserveHere(Held held, Instant now) {
        List<CompletableFuture<Void>> reads = new ArrayList<>();
        for (int i = 0; i < held.keys().size(); i++) {
            String key = held.keys().get(i);
            Budget b = held.budgets().get(i);
            Instant start = held.starts().get(i);
            if (!lastSeen.containsKey(key)) {
                reads.add(workers.submit(() -> spend.micros(b.scope(), start), Runnable::run)
                        .thenAccept(m -> lastSeen.putIfAbsent(key, m)));
            }
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Share> mine = new ArrayList<>();
            for (int i = 0; i < held.keys().size(); i++) {
                Budget b = held.budgets().get(i);
                Share s = shares.computeIfAbsent(held.keys().get(i),
                        k -> new Share(b.limitMicros(), lastSeen.get(k), cluster.liveNodes()));
                boolean ok;
                synchronized (s) {
                    ok = s.covers(held.micros());
                    if (ok) {
                        s.reserved += held.micros();
                    }
                }
                if (!ok) {
                    mine.forEach(m -> {
                        synchronized (m) {
                            m.reserved -= held.micros();
                        }
                    });
                    return new Reservation(b, b.periodEnd(now), null);
                }
                mine.add(s);
            }
            return new Reservation(null, null, new Held(held.keys(), held.budgets(), held.starts(), held.micros(),
                    mine));
        });
    }

    @Override
    public void settle(Reservation reservation, long spent) {
        Held held = (Held) reservation.state();
        if (held.shares() != null) {
            for (int i = 0; i < held.shares().size(); i++) {
                Share s = held.shares().get(i);
                synchronized (s) {
                    s.reserved -= held.micros();
                    s.spentHere += spent;
                }
            }
        }
        CompletableFuture<List<Object>> sent = null;
        synchronized (cluster.mode()) {
            if (held.shares() == null) {
                held.keys().forEach(k -> reservedHere.get(k).addAndGet(-held.micros()));
            }
            if (held.shares() != null || !cluster.up()) {
                held.keys().forEach(k -> owe(k, spent));
            } else {
                sent = sendSettle(held, spent);
            }
        }
        if (sent == null) {
            return;
        }
        sent.whenComplete((out, e) -> {
            if (e != null) {
                cluster.markDown(e); // its reservation is set right when Redis is back; its spend is handed back
                held.keys().forEach(k -> owe(k, spent));
                return;
            }
            for (int i = 0; i < held.keys().size(); i++) {
                int crossed = (int) RedisCluster.number(out.get(2 * i));
                long now = RedisCluster.number(out.get(2 * i + 1));
                if (crossed > 0) {
                    Thresholds.tell(alerts, held.budgets().get(i), crossed, now, held.starts().get(i));
                }
            }
        });
    }

    private CompletableFuture<List<Object>> sendSettle(Held held, long spent) {
        int n = held.keys().size();
        String[] args = new String[n + 3];
        args[0] = cluster.nodeId();
        args[1] = Long.toString(held.micros());
        args[2] = Long.toString(spent);
        for (int i = 0; i < n; i++) {
            args[i + 3] = Long.toString(held.budgets().get(i).limitMicros());
        }
        return cluster.eval(SETTLE, ScriptOutputType.MULTI, held.keys().toArray(new String[0]), args);
    }

    /** Notes a spend Redis must still be told. */
    private void owe(String key, long spent) {
        if (spent != 0) {
            owed.merge(key, spent, Long::sum);
        }
    }

    /**
     * Redis is back (called holding {@link RedisCluster#mode()}): sets this node's reservations to what its calls in
     * flight hold, hands over what it spent meanwhile, and forgets the shares.
     */
    private List<CompletableFuture<?>> recover() {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        java.util.Set<String> keys = new java.util.HashSet<>(reservedHere.keySet());
        keys.addAll(owed.keySet());
        for (String key : keys) {
            long reserved = reservedHere.getOrDefault(key, new java.util.concurrent.atomic.AtomicLong()).get();
            Long spent = owed.remove(key);
            long handed = spent == null ? 0 : spent;
            sent.add(cluster.<Long>eval(HAND_BACK, ScriptOutputType.INTEGER, new String[] {key}, cluster.nodeId(),
                    Long.toString(Math.max(0, reserved)), Long.toString(handed)).whenComplete((v, e) -> {
                        if (e != null) {
                            owe(key, handed); // told again next time (at worst twice: spent too much, never too little)
                        }
                    }));
        }
        shares.clear();
        return sent;
    }
}
