package dev.sluice.gateway.engine;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A call's event loop as the engine sees it, with a ledger of the timers set on it: runs everything on the real loop
 * it wraps, and remembers every scheduled task so a test can tell, without waiting, that none is left armed. The
 * shared loop is not the test's to stop, so the shutdown methods refuse.
 */
final class TrackedLoop extends AbstractExecutorService implements ScheduledExecutorService {

    private final ScheduledExecutorService loop;
    private final List<ScheduledFuture<?>> timers = new CopyOnWriteArrayList<>();

    TrackedLoop(ScheduledExecutorService loop) {
        this.loop = loop;
    }

    /** Timers set so far, fired, cancelled or pending. */
    int timersSet() { return timers.size(); }

    /**
     * Timers neither fired nor cancelled, counted on the loop once the task in progress is over (a timer that is
     * firing is not done until its task returns, and the call it ends may complete inside that task).
     */
    long armedTimers() {
        return GatewayFixture.await(CompletableFuture.supplyAsync(
                () -> timers.stream().filter(t -> !t.isDone()).count(), loop));
    }

    @Override public void execute(Runnable task) { loop.execute(task); }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return tracked(loop.schedule(task, delay, unit));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
        return tracked(loop.schedule(task, delay, unit));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return tracked(loop.scheduleAtFixedRate(task, initialDelay, period, unit));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
        return tracked(loop.scheduleWithFixedDelay(task, initialDelay, delay, unit));
    }

    private <F extends ScheduledFuture<?>> F tracked(F timer) {
        timers.add(timer);
        return timer;
    }

    @Override public void shutdown() { throw new UnsupportedOperationException("the test loop is shared"); }

    @Override public List<Runnable> shutdownNow() { throw new UnsupportedOperationException("the test loop is shared"); }

    @Override public boolean isShutdown() { return loop.isShutdown(); }

    @Override public boolean isTerminated() { return loop.isTerminated(); }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return loop.awaitTermination(timeout, unit);
    }
}
