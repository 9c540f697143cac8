package dev.sluice.transport;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * An event loop's choice, each time round, between handling what is ready, polling again at once, and sleeping in
 * epoll: after its last work a loop keeps polling for a while ({@code server.busy_poll_us}) before it sleeps, so a
 * reply that comes within that time is read without the loop being woken. On a virtual machine a wake-up costs tens
 * of microseconds (the sleeping vCPU halts, and the writer's kernel sends it an interrupt), twice per proxied call; a
 * polling loop pays none of that, at the price of the CPU it polls with. Only one loop of a group polls at a time
 * (it holds the group's {@link Turn}), so the others' cores stay free for the rest of the machine (on two cores:
 * the clients, the upstream, PostgreSQL); the others sleep at once. Like HAProxy's {@code busy-polling}: for latency
 * at low load on a machine given to the gateway; off by default.
 *
 * <p>One per loop, used only by its loop's thread.
 */
final class BusyPoll implements SelectStrategy {

    /** Which loop of a group may poll: at most one at a time. */
    static final class Turn {
        private final AtomicBoolean taken = new AtomicBoolean();
    }

    private final long pollNanos;
    private final Turn turn;
    private final LongSupplier clock;
    private long lastWork;
    private boolean polling;

    BusyPoll(long pollNanos, Turn turn) {
        this(pollNanos, turn, System::nanoTime);
    }

    /** With the clock given (tests). */
    BusyPoll(long pollNanos, Turn turn, LongSupplier clock) {
        this.pollNanos = pollNanos;
        this.turn = turn;
        this.clock = clock;
        this.lastWork = clock.getAsLong();
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        int ready = selectNow.get(); // epoll_wait without a timeout: what is ready now
        if (ready > 0 || hasTasks) {
            lastWork = clock.getAsLong();
            return ready;
        }
        if (clock.getAsLong() - lastWork < pollNanos && (polling || turn.taken.compareAndSet(false, true))) {
            polling = true;
            return SelectStrategy.CONTINUE; // round again: tasks, then this choice
        }
        if (polling) {
            polling = false;
            turn.taken.set(false);
        }
        return SelectStrategy.SELECT; // sleep in epoll until a socket, a task or a timer wakes the loop
    }

    /** Whether this loop holds its group's turn to poll (tests). */
    boolean polling() {
        return polling;
    }
}
