package dev.sluice.transport;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * An event loop's choice, each time round, between handling what is ready, polling again at once, and sleeping in
 * epoll. On a virtual machine a wake-up costs tens of microseconds (the sleeping vCPU halts, and the writer's kernel
 * sends it an interrupt), twice per proxied call; a loop that goes on polling for a moment after its last work reads
 * a reply that comes within that moment without being woken, at the price of the CPU it polls with.
 *
 * <p>The moment adapts, as KVM's halt polling does: it starts at zero, doubles (from {@value #GROW_START_NANOS} ns)
 * each time the loop slept and was woken within the most it may poll ({@code server.busy_poll_us}), so polling would
 * have caught the wake-up; and halves each time the loop slept longer than that, down to zero. So a loop polls only
 * while work keeps coming back that soon (calls one after another on few connections, where the wake-ups are most of
 * a call's added latency); an idle gateway, or one whose calls are far apart, sleeps at once and spends nothing. A
 * busy loop always has work ready and never reaches the choice.
 *
 * <p>Only one loop of a group polls at a time (it holds the group's {@link Turn}), so the others' cores stay free for
 * the rest of the machine (on two cores: the clients, the upstream, PostgreSQL); the others sleep at once.
 *
 * <p>One per loop, used only by its loop's thread.
 */
final class BusyPoll implements SelectStrategy {

    /** The first polling time after none: a little more than a wake-up costs on a VM. */
    static final long GROW_START_NANOS = 10_000;

    /** Which loop of a group may poll: at most one at a time. */
    static final class Turn {
        private final AtomicBoolean taken = new AtomicBoolean();
    }

    private final long maxNanos;
    private final Turn turn;
    private final LongSupplier clock;
    private long windowNanos;
    private long lastWork;
    private long sleptAt = -1;
    private boolean polling;

    BusyPoll(long maxNanos, Turn turn) {
        this(maxNanos, turn, System::nanoTime);
    }

    /** With the clock given (tests). */
    BusyPoll(long maxNanos, Turn turn, LongSupplier clock) {
        this.maxNanos = maxNanos;
        this.turn = turn;
        this.clock = clock;
        this.lastWork = clock.getAsLong();
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        if (sleptAt >= 0) { // the loop slept, was woken, and has handled what woke it
            lastWork = clock.getAsLong();
            adapt(lastWork - sleptAt);
            sleptAt = -1;
        }
        int ready = selectNow.get(); // epoll_wait without a timeout: what is ready now
        if (ready > 0 || hasTasks) {
            lastWork = clock.getAsLong();
            return ready;
        }
        long now = clock.getAsLong();
        if (now - lastWork < windowNanos && (polling || turn.taken.compareAndSet(false, true))) {
            polling = true;
            return SelectStrategy.CONTINUE; // round again: tasks, then this choice
        }
        if (polling) {
            polling = false;
            turn.taken.set(false);
        }
        sleptAt = now;
        return SelectStrategy.SELECT; // sleep in epoll until a socket, a task or a timer wakes the loop
    }

    /** After a sleep of {@code slept} ns (with the handling of what ended it): poll longer, or less. */
    private void adapt(long slept) {
        if (slept <= maxNanos) {
            windowNanos = Math.min(maxNanos, Math.max(GROW_START_NANOS, windowNanos * 2));
        } else {
            windowNanos = windowNanos / 2 < GROW_START_NANOS ? 0 : windowNanos / 2;
        }
    }

    /** Whether this loop holds its group's turn to poll (tests). */
    boolean polling() {
        return polling;
    }

    /** How long this loop now polls after its last work (tests). */
    long windowNanos() {
        return windowNanos;
    }
}
