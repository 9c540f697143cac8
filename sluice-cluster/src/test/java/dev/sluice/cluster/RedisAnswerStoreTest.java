package dev.sluice.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.gateway.cache.StoredAnswer;
import dev.sluice.testkit.Eventually;
import dev.sluice.testkit.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The response cache's answers in a real Redis of the test's own: shared by two nodes, written with their TTL, not
 * served past their expiry on the reading node's clock (which the test moves), and a miss, not a failure, while Redis
 * is gone.
 */
class RedisAnswerStoreTest {

    private final AtomicLong now = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    private RedisServer redis;
    private RedisCluster a;
    private RedisCluster b;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        a = RedisCluster.start(new RedisSettings(redis.url(), 1000L, "t:"));
        b = RedisCluster.start(new RedisSettings(redis.url(), 1000L, "t:"));
        // a busy machine may take longer than a beat to connect: the nodes start anyway and connect soon after
        Eventually.await(Duration.ofSeconds(20), "both nodes connected", () -> a.up() && b.up());
    }

    @AfterEach
    void stop() {
        b.close();
        a.close();
        redis.close();
    }

    private static StoredAnswer answer(long expires) {
        return new StoredAnswer(new ChatResponse("id-1", "gpt", List.of(new ContentBlock.Text("Paris.")),
                StopReason.END_TURN, null, Usage.of(21, 8), 1_700_000_000L), expires);
    }

    private static StoredAnswer get(RedisAnswerStore store, String key) throws Exception {
        return store.get(key).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void anAnswerStoredByOneNodeIsServedByAnotherUntilItExpires() throws Exception {
        RedisAnswerStore first = new RedisAnswerStore(a, clock);
        RedisAnswerStore second = new RedisAnswerStore(b, clock);
        StoredAnswer stored = answer(now.get() + 60_000);
        first.put("k1", stored);
        Eventually.await(Duration.ofSeconds(5), "the answer in Redis", () -> {
            try {
                return get(second, "k1") != null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(get(second, "k1")).isEqualTo(stored);
        long pttl = a.commands().pttl("t:cache:k1").get(5, TimeUnit.SECONDS);
        assertThat(pttl).as("Redis drops it at its TTL").isBetween(1L, 60_000L);
        assertThat(get(second, "other")).isNull();

        now.addAndGet(60_000);
        assertThat(get(second, "k1")).as("expired on the reading node's clock").isNull();
    }

    @Test
    void whileRedisIsGoneALookupIsAMissAndAStoreIsSkipped() throws Exception {
        RedisAnswerStore store = new RedisAnswerStore(a, clock);
        redis.close();
        Eventually.await(Duration.ofSeconds(10), "the node to see Redis gone", () -> !a.up());
        store.put("k2", answer(now.get() + 60_000));
        assertThat(get(store, "k2")).isNull();
    }
}
