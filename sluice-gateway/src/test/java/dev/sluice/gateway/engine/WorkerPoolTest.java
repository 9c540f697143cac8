package dev.sluice.gateway.engine;

import static dev.sluice.gateway.engine.GatewayFixture.await;
import static dev.sluice.gateway.engine.GatewayFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.TestLoops;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bounded pool blocking work goes to: virtual threads, at most N at once, results back on the caller's loop. */
class WorkerPoolTest {

    private final WorkerPool pool = new WorkerPool(2);
    private final EventLoop loop = TestLoops.loops().next();

    @AfterEach
    @Timeout(5) // closing waits for every task; a pool that lost its permits would wait forever
    void close() {
        pool.close();
    }

    @Test
    void atMostItsConcurrencyRunsAtOnceAndTheNextStartsWhenOneFinishes() throws InterruptedException {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch twoStarted = new CountDownLatch(2);
        CountDownLatch thirdStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch releaseRest = new CountDownLatch(1);
        var first = pool.submit(blocking("first", events, twoStarted, releaseFirst), loop);
        var second = pool.submit(blocking("second", events, twoStarted, releaseRest), loop);
        await(twoStarted);
        var third = pool.submit(blocking("third", events, thirdStarted, releaseRest), loop);

        assertThat(thirdStarted.await(100, TimeUnit.MILLISECONDS)).as("no third permit while two tasks run")
                .isFalse();
        releaseFirst.countDown();
        await(thirdStarted);
        assertThat(events).containsSubsequence("end first", "start third");
        releaseRest.countDown();
        assertThat(List.of(await(first), await(second), await(third))).containsExactly("first", "second", "third");
    }

    @Test
    void aTaskWaitingOnIoGivesItsSlotBackSoOtherWorkRunsMeanwhile() {
        CountDownLatch waitingStarted = new CountDownLatch(2);
        CountDownLatch answer = new CountDownLatch(1);
        Supplier<String> waits = () -> WorkerPool.waiting(() -> {
            waitingStarted.countDown();
            await(answer);
            return "answered";
        });
        var a = pool.submit(waits, loop);
        var b = pool.submit(waits, loop);
        await(waitingStarted); // both slots' holders are waiting on "I/O"
        assertThat(await(pool.submit(() -> "computed", loop))).as("runs while the two wait").isEqualTo("computed");
        answer.countDown();
        assertThat(List.of(await(a), await(b))).containsExactly("answered", "answered");
        assertThat(WorkerPool.waiting(() -> "outside")).as("outside a task it just runs").isEqualTo("outside");
    }

    @Test
    void workRunsOnAVirtualThreadAndItsValueComesBackOnTheGivenLoop() {
        Thread loopThread = await(loop.submit(Thread::currentThread));
        CountDownLatch watched = new CountDownLatch(1);
        CompletableFuture<Thread> completedOn = new CompletableFuture<>();
        var work = pool.submit(() -> {
            await(watched);
            return Thread.currentThread();
        }, loop).whenComplete((t, e) -> completedOn.complete(Thread.currentThread()));
        watched.countDown();
        Thread worker = await(work);
        assertThat(worker.isVirtual()).isTrue();
        assertThat(worker).isNotEqualTo(loopThread);
        assertThat(await(completedOn)).isEqualTo(loopThread);
    }

    @Test
    void failuresComeBackOnTheGivenLoopAndFreeTheirPermits() {
        Thread loopThread = await(loop.submit(Thread::currentThread));
        CountDownLatch watched = new CountDownLatch(1);
        CompletableFuture<Thread> completedOn = new CompletableFuture<>();
        Supplier<String> failing = () -> {
            await(watched);
            throw new IllegalStateException("disk on fire");
        };
        var failed = pool.submit(failing, loop).whenComplete((v, e) -> completedOn.complete(Thread.currentThread()));
        watched.countDown();
        assertThat(failure(failed)).isInstanceOf(IllegalStateException.class).hasMessage("disk on fire");
        assertThat(await(completedOn)).isEqualTo(loopThread);
        failure(pool.submit(failing, loop));
        assertThat(await(pool.submit(() -> "after two failures", loop))).isEqualTo("after two failures");
    }

    private static Supplier<String> blocking(String name, List<String> events, CountDownLatch started,
                                             CountDownLatch release) {
        return () -> {
            events.add("start " + name);
            started.countDown();
            await(release);
            events.add("end " + name);
            return name;
        };
    }
}
