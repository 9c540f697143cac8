package dev.sluice.gateway.engine;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires attempt timeouts from one platform thread that sweeps the pending timers every {@code tick} (20 ms by
 * default), so a timeout fires at most one tick late. Arming and cancelling a timer only adds to and removes from a
 * concurrent set: unlike a scheduled executor, it never wakes another thread on the request path.
 */
public final class Watchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    private final Set<Timer> timers = ConcurrentHashMap.newKeySet();
    private final long tickNanos;
    private final Thread thread;
    private volatile boolean closed;

    public Watchdog() {
        this(Duration.ofMillis(20));
    }

    public Watchdog(Duration tick) {
        this.tickNanos = tick.toNanos();
        this.thread = Thread.ofPlatform().daemon().name("sluice-watchdog").start(this::sweep);
    }

    /** A pending timeout; {@link #cancel()} is cheap and idempotent. */
    final class Timer {
        private final long deadlineNanos;
        private final Runnable action;

        private Timer(long deadlineNanos, Runnable action) {
            this.deadlineNanos = deadlineNanos;
            this.action = action;
        }

        void cancel() {
            timers.remove(this);
        }
    }

    Timer after(Duration delay, Runnable action) {
        Timer t = new Timer(System.nanoTime() + delay.toNanos(), action);
        timers.add(t);
        return t;
    }

    /** Timers not yet fired or cancelled (for tests and metrics). */
    int pending() { return timers.size(); }

    private void sweep() {
        while (!closed) {
            LockSupport.parkNanos(tickNanos);
            long now = System.nanoTime();
            for (Timer t : timers) {
                if (now - t.deadlineNanos >= 0 && timers.remove(t)) {
                    try {
                        t.action.run();
                    } catch (RuntimeException e) {
                        LOG.warn("timeout action failed", e);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        timers.clear();
    }
}
