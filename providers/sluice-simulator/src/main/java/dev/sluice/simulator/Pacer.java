package dev.sluice.simulator;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.Attempt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits on behalf of one call, parking its thread (cheap on virtual threads), and gives up as soon as the attempt is
 * cancelled: the first wait registers an {@link Attempt#onCancel} hook that unparks the waiting thread. Confined to
 * the calling thread.
 */
final class Pacer {

    /** A wait never parks longer than this without looking at the attempt again. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Attempt attempt;
    private final Thread thread;
    private boolean hooked;

    Pacer(Attempt attempt) {
        this.attempt = attempt;
        this.thread = Thread.currentThread();
    }

    /** Returns at {@code deadlineNanos} ({@link System#nanoTime()} time); throws when cancelled before. */
    void until(long deadlineNanos) {
        check();
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            return;
        }
        hook();
        while (remaining > 0) {
            LockSupport.parkNanos(Math.min(remaining, MAX_PARK_NANOS));
            check();
            remaining = deadlineNanos - System.nanoTime();
        }
    }

    /** Hangs until the attempt is cancelled, then throws. */
    void forever() {
        hook();
        while (true) {
            check();
            LockSupport.parkNanos(MAX_PARK_NANOS);
        }
    }

    /** Throws a {@link ErrorType#TIMEOUT} error when the attempt was cancelled. */
    void check() {
        if (attempt.cancelled()) {
            throw GatewayException.of(ErrorType.TIMEOUT, "the simulated call was cancelled");
        }
    }

    private void hook() {
        if (!hooked) {
            hooked = true;
            Thread waiter = thread;
            attempt.onCancel(() -> LockSupport.unpark(waiter));
        }
    }
}
