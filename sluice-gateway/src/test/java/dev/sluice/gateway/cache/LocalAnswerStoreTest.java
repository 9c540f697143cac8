package dev.sluice.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One node's answers: bounded by their bytes, each gone at its own expiry on the injected clock. */
class LocalAnswerStoreTest {

    private final AtomicLong now = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());

    private StoredAnswer answer(int chars, long ttlMillis) {
        return new StoredAnswer(new ChatResponse("id", "m", List.of(new ContentBlock.Text("x".repeat(chars))),
                StopReason.END_TURN, null, Usage.of(1, 1), 0), now.get() + ttlMillis);
    }

    private static StoredAnswer get(LocalAnswerStore store, String key) {
        return store.get(key).toCompletableFuture().join();
    }

    @Test
    void answersAreBoundedByTheirBytes() {
        LocalAnswerStore store = new LocalAnswerStore(64 * 1024, clock);
        for (int i = 0; i < 200; i++) {
            store.put("k" + i, answer(1000, 60_000)); // about 1.4 KB each: 280 KB in all
        }
        assertThat(store.weight()).isLessThanOrEqualTo(64 * 1024).isGreaterThan(32 * 1024);
        assertThat(store.size()).isBetween(20L, 60L);
        store.put("big", answer(100_000, 60_000));
        assertThat(get(store, "big")).as("an answer over the whole bound is not kept").isNull();
    }

    @Test
    void eachAnswerExpiresAtItsOwnTime() {
        LocalAnswerStore store = new LocalAnswerStore(1 << 20, clock);
        store.put("short", answer(10, 1_000));
        store.put("long", answer(10, 60_000));
        now.addAndGet(999);
        assertThat(get(store, "short")).isNotNull();
        now.addAndGet(1);
        assertThat(get(store, "short")).isNull();
        assertThat(get(store, "long")).isNotNull();
        assertThat(store.size()).isEqualTo(1);
    }
}
