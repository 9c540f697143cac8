package dev.sluice.guardrails.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {

    private static final int THREADS = 8;

    @Test
    void aValueIsMadeOnceWhenManyThreadsAskForItAtTheSameTime() throws Exception {
        AtomicInteger made = new AtomicInteger();
        CountDownLatch asking = new CountDownLatch(THREADS);
        Lazy<Object> lazy = new Lazy<>(() -> {
            made.incrementAndGet();
            await(asking); // every thread has asked before the first value exists
            return new Object();
        });
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Object>> got = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                got.add(pool.submit(() -> {
                    asking.countDown();
                    return lazy.get();
                }));
            }
            Object first = got.getFirst().get(10, TimeUnit.SECONDS);
            for (Future<Object> f : got) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
            }
            assertThat(made).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailureGoesToItsCallerAndTheNextCallTriesAgain() {
        AtomicInteger calls = new AtomicInteger();
        Lazy<String> lazy = new Lazy<>(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("not yet");
            }
            return "made";
        });
        assertThatThrownBy(lazy::get).hasMessage("not yet");
        assertThat(lazy.get()).isEqualTo("made");
        assertThat(lazy.get()).isEqualTo("made");
        assertThat(calls).hasValue(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other threads never asked");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
