package dev.sluice.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.access.LimitCounters.Taking;
import dev.sluice.api.access.Limits;
import dev.sluice.testkit.Eventually;
import dev.sluice.testkit.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limits shared through a real Redis (a redis-server of its own): calls at once and requests per minute hold
 * across nodes, a stopped node's places are freed, and with Redis away each node takes its share.
 */
class RedisLimitsTest {

    private final List<RedisCluster> open = new ArrayList<>();
    private RedisServer redis;

    @BeforeEach
    void startRedis() {
        redis = RedisServer.start();
    }

    @AfterEach
    void stop() {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        redis.close();
    }

    /** A node whose commands time out after 2 s, so that a busy machine is not taken for Redis being away. */
    private RedisLimits node() {
        RedisCluster cluster = RedisCluster.start(new RedisSettings(redis.url(), 2_000L, "t:"));
        open.add(cluster);
        return new RedisLimits(cluster);
    }

    private static Taking take(RedisLimits node, Limits limits) throws Exception {
        return node.take(List.of(limits), 10).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void callsAtOnceHoldAcrossNodesAndAStoppedNodeFreesItsPlaces() throws Exception {
        Limits three = new Limits("key:k", 0, 0, 3);
        RedisLimits a = node();
        RedisLimits b = node();
        Eventually.await(Duration.ofSeconds(5), "both nodes live", () -> open.get(1).liveNodes() == 2);
        assertThat(take(a, three).admitted()).isTrue();
        assertThat(take(a, three).admitted()).isTrue();
        Taking third = take(b, three);
        assertThat(third.admitted()).isTrue();
        Taking fourth = take(b, three);
        assertThat(fourth.admitted()).as("3 calls at once between two nodes").isFalse();
        assertThat(fourth.refused()).isEqualTo("calls at once");
        b.settle(third, 10);
        assertThat(take(b, three).admitted()).as("a place given back is free again").isTrue();
        open.removeFirst().close(); // node A stops with its two calls in flight
        Eventually.await(Duration.ofSeconds(10), "node A's places are dropped", () -> {
            try {
                Taking t = take(b, three);
                return t.admitted();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void requestsPerMinuteAreOneBucketForAllNodes() throws Exception {
        Limits ten = new Limits("key:r", 10, 0, 0);
        RedisLimits a = node();
        RedisLimits b = node();
        int admitted = 0;
        for (int i = 0; i < 30; i++) {
            Taking t = take(i % 2 == 0 ? a : b, ten);
            admitted += t.admitted() ? 1 : 0;
            if (t.admitted()) {
                assertThat(t.requests()).isEqualTo(ten);
            } else {
                assertThat(t.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
            }
        }
        assertThat(admitted).isEqualTo(10);
    }

    @Test
    void withRedisAwayEachNodeTakesItsShare() throws Exception {
        Limits ten = new Limits("key:s", 10, 0, 0);
        RedisLimits a = node();
        node();
        Eventually.await(Duration.ofSeconds(5), "both nodes live", () -> open.get(0).liveNodes() == 2);
        redis.kill();
        int admitted = 0;
        for (int i = 0; i < 20; i++) {
            admitted += take(a, ten).admitted() ? 1 : 0;
        }
        assertThat(admitted).as("half of 10 per minute on this node of two").isEqualTo(5);
        assertThat(open.get(0).up()).isFalse();
    }

    @Test
    void scriptsGoByTheirDigestAndAreSentAgainAfterAScriptFlush() throws Exception {
        Limits three = new Limits("key:d", 0, 0, 3);
        RedisLimits a = node();
        assertThat(take(a, three).admitted()).isTrue(); // the first call loads the script
        try (RedisClient admin = RedisClient.create(redis.url());
             StatefulRedisConnection<String, String> c = admin.connect()) {
            long before = calls(c.sync().info("commandstats"), "evalsha");
            assertThat(take(a, three).admitted()).isTrue();
            assertThat(calls(c.sync().info("commandstats"), "evalsha")).as("the second call by digest")
                    .isEqualTo(before + 1);
            c.sync().scriptFlush();
            Taking third = take(a, three);
            assertThat(third.admitted()).as("Redis forgot the script: its text is sent again").isTrue();
            assertThat(take(a, three).admitted()).as("the fourth of three calls at once").isFalse();
        }
    }

    @Test
    void tokensPerMinuteAreSettledWithWhatTheCallReallyUsed() throws Exception {
        Limits thousand = new Limits("key:t", 0, 1_000, 0);
        RedisLimits a = node();
        RedisLimits b = node();
        Taking first = take(a, thousand, 600);
        assertThat(first.admitted()).isTrue();
        assertThat(first.tokensLeft()).isEqualTo(400);
        assertThat(take(b, thousand, 600).admitted()).as("600 of 1,000 reserved by node A").isFalse();
        // a settlement is sent without waiting; one node's commands reach Redis in the order it sends them
        a.settle(first, 100); // the call used 100 of its 600: 500 come back
        Taking second = take(a, thousand, 600);
        assertThat(second.admitted()).as("100 spent, 900 left").isTrue();
        assertThat(second.tokensLeft()).isEqualTo(300);
        a.settle(second, 800); // used 200 more than it reserved: taken even past what is left
        Taking third = take(a, thousand, 101);
        assertThat(third.admitted()).as("900 spent, 100 left").isFalse();
        assertThat(third.refused()).isEqualTo("tokens per minute");
        assertThat(third.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(take(a, thousand, 100).admitted()).isTrue();
    }

    @Test
    void manyCallsAtOnceOnOneKeyFromTwoNodesAreCountedExactly() throws Exception {
        Limits hundred = new Limits("key:hot", 100, 0, 0);
        List<RedisLimits> nodes = List.of(node(), node());
        List<CompletableFuture<Taking>> takes = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            takes.add(nodes.get(i % 2).take(List.of(hundred), 1).toCompletableFuture());
        }
        long admitted = 0;
        for (CompletableFuture<Taking> t : takes) {
            admitted += t.get(10, TimeUnit.SECONDS).admitted() ? 1 : 0;
        }
        assertThat(admitted).as("400 takes at once, 100 per minute").isEqualTo(100);
        assertThat(open.get(0).up()).as("counted in Redis, not each node on its own").isTrue();
    }

    private static Taking take(RedisLimits node, Limits limits, long tokens) throws Exception {
        return node.take(List.of(limits), tokens).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** The number of calls of {@code command} in the {@code INFO commandstats} answer. */
    private static long calls(String info, String command) {
        Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
