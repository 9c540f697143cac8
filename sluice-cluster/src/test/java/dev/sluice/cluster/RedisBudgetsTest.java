package dev.sluice.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.access.Budget;
import dev.sluice.api.access.BudgetAlerts;
import dev.sluice.api.access.BudgetCounters.Reservation;
import dev.sluice.gateway.engine.WorkerPool;
import dev.sluice.testkit.Eventually;
import dev.sluice.testkit.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Budgets shared through a real Redis (a redis-server of its own, on a free port): several nodes never reserve past
 * one budget, a node that stops takes its reservations with it, and what a node spends while Redis is away is handed
 * back when it returns.
 */
class RedisBudgetsTest {

    private static final Budget BUDGET = new Budget("key:k1", 1_000, "day");
    private final List<AutoCloseable> open = new ArrayList<>();
    private final WorkerPool workers = new WorkerPool(4);
    private final List<Integer> alerts = new CopyOnWriteArrayList<>();
    private RedisServer redis;

    @BeforeEach
    void startRedis() {
        redis = RedisServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        workers.close();
        redis.close();
    }

    /**
     * A node: its own link to the Redis, its budgets starting from a ledger that says {@code spentBefore}. Its
     * commands time out after 2 s, so that a busy machine is not taken for Redis being away.
     */
    private RedisBudgets node(long spentBefore) {
        return node(spentBefore, 2_000L);
    }

    private RedisBudgets node(long spentBefore, long timeoutMs) {
        RedisCluster cluster = RedisCluster.start(new RedisSettings(redis.url(), timeoutMs, "t:"));
        open.add(cluster);
        BudgetAlerts told = (b, percent, spent, start) -> alerts.add(percent);
        return new RedisBudgets(cluster, (scope, since) -> spentBefore, told, workers);
    }

    private static Reservation reserve(RedisBudgets node, long micros) throws Exception {
        return node.reserve(List.of(BUDGET), micros, Instant.now()).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void threeNodesNeverReservePastOneBudgetAndTheLedgerStartsIt() throws Exception {
        List<RedisBudgets> nodes = List.of(node(100), node(100), node(100));
        List<Reservation> held = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Reservation r = reserve(nodes.get(i % 3), 100);
            if (r.reserved()) {
                held.add(r);
            } else {
                assertThat(r.refusedBy()).isEqualTo(BUDGET);
                assertThat(r.resets()).isAfter(Instant.now());
            }
        }
        assertThat(held).as("$0.0001 already spent, 9 reservations of 100 fit in 1,000").hasSize(9);
        // each spends 50 of its 100: the budget frees up for 9 * 50 more (4 more calls of 100 fit, with 50 over)
        for (int i = 0; i < held.size(); i++) {
            nodes.get(i % 3).settle(held.get(i), 50);
        }
        awaitAlert(50);
        long more = 0;
        for (int i = 0; i < 10; i++) {
            more += reserve(nodes.get(i % 3), 100).reserved() ? 1 : 0;
        }
        assertThat(more).as("spent 100 + 450; 1,000 leaves room for 4 more reservations of 100").isEqualTo(4);
        assertThat(alerts).as("50% told once in the cluster").containsExactly(50);
    }

    @Test
    void aNodeThatStopsTakesItsReservationsWithIt() throws Exception {
        RedisBudgets a = node(0);
        RedisBudgets b = node(0);
        assertThat(reserve(a, 900).reserved()).isTrue();
        assertThat(reserve(b, 200).reserved()).as("A holds 900 of 1,000").isFalse();
        open.remove(0).close(); // node A stops (its calls never settle)
        assertThat(reserve(b, 1_000).reserved()).as("A's 900 no longer count").isTrue();
    }

    @Test
    void whatANodeSpendsWhileRedisIsAwayIsHandedBack() throws Exception {
        RedisBudgets a = node(0, 200L); // Redis paused for 1.5 s must count as away
        RedisCluster cluster = (RedisCluster) open.getLast();
        Reservation before = reserve(a, 300);
        assertThat(before.reserved()).isTrue();
        try (var admin = io.lettuce.core.RedisClient.create(redis.url())) {
            try (var c = admin.connect()) {
                c.sync().clientPause(1500); // Redis answers no one for 1.5 s, and keeps its data
            }
        }
        Eventually.await(Duration.ofSeconds(5), "the node sees Redis away", () -> !cluster.up());
        a.settle(before, 200); // reserved in Redis, settled while it is away
        Reservation during = reserve(a, 100); // counted on this node, its share of what was left
        assertThat(during.reserved()).isTrue();
        a.settle(during, 100);
        Eventually.await(Duration.ofSeconds(10), "the node sees Redis back", cluster::up);
        // 300 spent in all, nothing reserved: 700 fit, 701 do not
        assertThat(reserve(a, 701).reserved()).as("what was spent while Redis was away counts").isFalse();
        assertThat(reserve(a, 700).reserved()).as("and the reservation of 300 was released").isTrue();
    }

    private void awaitAlert(int percent) {
        Eventually.await(Duration.ofSeconds(5), "alert " + percent, () -> alerts.contains(percent));
    }
}
