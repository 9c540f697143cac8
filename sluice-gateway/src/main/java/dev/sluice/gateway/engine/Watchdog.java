package dev.sluice.gateway.engine;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Fires attempt timeouts from one platform thread. Cancelled timers are removed at once, so thousands of live
 * streams cost only their pending timers.
 */
public final class Watchdog implements AutoCloseable {

    private final ScheduledThreadPoolExecutor timer;

    public Watchdog() {
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sluice-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    ScheduledFuture<?> after(Duration delay, Runnable action) {
        return timer.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
