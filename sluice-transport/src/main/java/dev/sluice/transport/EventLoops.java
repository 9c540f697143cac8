package dev.sluice.transport;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The data plane's event loops: one thread per core (or as configured), each running the connections it accepted and
 * the upstream connections of the calls it reads, so a call stays on one thread from the caller's socket to the
 * upstream's and back. Uses Linux epoll where available, else Java NIO. Closing shuts the loops down after their
 * pending tasks.
 */
public final class EventLoops implements AutoCloseable {

    private final EventLoopGroup group;
    private final boolean epoll;

    /** @param threads the number of loops; 0 means one per available processor */
    public EventLoops(int threads) {
        this(threads, Duration.ZERO);
    }

    /**
     * @param threads the number of loops; 0 means one per available processor
     * @param busyPoll the most a loop polls its sockets after its last work before it sleeps, while wake-ups come
     *     that soon (see {@link BusyPoll}); zero: it sleeps at once. Epoll only: Java NIO loops always sleep at once.
     */
    public EventLoops(int threads, Duration busyPoll) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory io;
        if (!epoll) {
            io = NioIoHandler.newFactory();
        } else if (busyPoll.isPositive()) {
            BusyPoll.Turn turn = new BusyPoll.Turn();
            io = EpollIoHandler.newFactory(0, () -> new BusyPoll(busyPoll.toNanos(), turn));
        } else {
            io = EpollIoHandler.newFactory();
        }
        this.group = new FairLoops(n, new DefaultThreadFactory("sluice-loop", true), io);
    }

    public EventLoopGroup group() { return group; }

    /**
     * Loops that go back to their sockets after at most {@value #TASK_QUANTUM_MS} ms of queued tasks (Netty's
     * default lets tasks run for a whole second). Under overload, timers (the simulator's pacing, timeouts) and
     * I/O then share the loop fairly, so every call slows a little instead of some starving.
     */
    private static final class FairLoops extends MultiThreadIoEventLoopGroup {
        FairLoops(int n, java.util.concurrent.ThreadFactory threads, IoHandlerFactory io) {
            super(n, threads, io);
        }

        @Override
        protected io.netty.channel.IoEventLoop newChild(java.util.concurrent.Executor executor,
                                                         IoHandlerFactory ioHandlerFactory, Object... args) {
            return new io.netty.channel.SingleThreadIoEventLoop(this, executor, ioHandlerFactory, Integer.MAX_VALUE,
                    io.netty.util.concurrent.RejectedExecutionHandlers.reject(), TASK_QUANTUM_MS);
        }
    }

    /** The most time a loop spends on queued tasks before it looks at its sockets again. */
    static final long TASK_QUANTUM_MS = 5;

    /** A loop for work that belongs to no connection (tests, background tasks). */
    public EventLoop next() { return group.next(); }

    /** True when the native epoll transport is in use. */
    public boolean epoll() { return epoll; }

    public Class<? extends SocketChannel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The number of loops. */
    public int size() {
        int n = 0;
        for (var ignored : group) {
            n++;
        }
        return n;
    }

    /** Shuts the loops down after their pending tasks; waits at most 5 s (a stop never hangs on a stuck loop). */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
