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
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(n, new DefaultThreadFactory("sluice-loop", true), io);
    }

    public EventLoopGroup group() { return group; }

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
