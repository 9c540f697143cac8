package dev.sluice.server;

import dev.sluice.gateway.config.ServerConfig;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The first handler of every client connection: refuses connections over the cap (a 503 in plain HTTP, then close),
 * notes when a request's first bytes arrive, and enrolls the connection with its loop's {@link Sweeper}, which closes
 * it when it sits idle too long, or answers 408 when a request does not arrive whole in time (slow or silent
 * clients, a Content-Length longer than the body sent). One per connection; confined to its loop.
 */
final class ConnectionGuard extends ChannelInboundHandlerAdapter {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConnectionGuard.class);
    private static final byte[] BUSY = busy();
    /** How long a refused connection is drained before it closes. */
    private static final long REFUSED_LINGER_MS = 1000;
    /** The most refused connections drained at once, so that a flood of them cannot use up the descriptors. */
    private static final int MAX_DRAINING = 64;

    private static byte[] busy() {
        String body = "{\"error\":{\"type\":\"server_error\",\"message\":\"Sluice has too many connections open; "
                + "retry later.\",\"param\":null}}";
        return ("HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 1\r\n"
                + "connection: close\r\ncontent-length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** What all connections of one server share: their count, cap, deadlines and per-loop sweepers. */
    static final class Shared {
        final AtomicInteger open = new AtomicInteger();
        /** Refused connections being drained before they close; past {@link #MAX_DRAINING} they close at once. */
        final AtomicInteger draining = new AtomicInteger();
        final int max;
        final ServerConfig.Connections limits;
        final FastThreadLocal<Sweeper> sweepers = new FastThreadLocal<>() {
            @Override
            protected Sweeper initialValue() {
                return new Sweeper(Shared.this);
            }
        };

        Shared(ServerConfig.Connections limits) {
            this.limits = limits;
            this.max = limits.max() > 0 ? limits.max() : fromFileLimit();
        }

        /**
         * The cap when none is configured: nine tenths of the file descriptors still free at start, less 64 for
         * refused connections being drained, so that running out of descriptors is not what refuses a connection.
         * (Each call to an HTTP/1.1 upstream holds one more; accepting backs off if they do run out.)
         */
        static int fromFileLimit() {
            long limit = 4096;
            long used = 0;
            if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
                limit = unix.getMaxFileDescriptorCount();
                used = unix.getOpenFileDescriptorCount();
            }
            return (int) Math.max(16, Math.min(Integer.MAX_VALUE, (limit - used) * 9 / 10 - MAX_DRAINING));
        }

        boolean full() {
            return open.get() >= max;
        }

        /** Enrolls a connection or an HTTP/2 stream with its loop's sweeper until it closes. Call on its loop. */
        void watch(Channel channel, ConnectionState state) {
            sweepers.get().enroll(channel, state);
        }
    }

    private final Shared shared;
    private final ConnectionState state;
    private final boolean tls;
    private boolean counted;
    private boolean refused;

    ConnectionGuard(Shared shared, ConnectionState state, boolean tls) {
        this.shared = shared;
        this.state = state;
        this.tls = tls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        counted = true;
        if (shared.open.incrementAndGet() > shared.max) {
            refused = true;
            if (tls) {
                ctx.close(); // no handshake yet, so nothing can be said in HTTP
            } else {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(BUSY)).addListener(f -> refuseGently(ctx, f.isSuccess()));
            }
            return;
        }
        ctx.channel().attr(ConnectionState.KEY).set(state);
        shared.watch(ctx.channel(), state);
        ctx.fireChannelActive();
    }

    /**
     * After the 503, the sending side is shut and what the client still sends is read and dropped for a moment, so
     * that it reads the 503 rather than a connection reset; then the connection closes.
     */
    private void refuseGently(ChannelHandlerContext ctx, boolean written) {
        boolean drain = written && ctx.channel().isActive()
                && ctx.channel() instanceof io.netty.channel.socket.SocketChannel;
        if (drain && shared.draining.incrementAndGet() > MAX_DRAINING) {
            shared.draining.decrementAndGet();
            drain = false;
        }
        if (!drain) {
            ctx.channel().close();
            return;
        }
        ((io.netty.channel.socket.SocketChannel) ctx.channel()).shutdownOutput().addListener(f -> ctx.channel()
                .eventLoop().schedule(() -> {
                    shared.draining.decrementAndGet();
                    ctx.channel().close();
                }, REFUSED_LINGER_MS, TimeUnit.MILLISECONDS));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        state.bytesArrived();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (counted) {
            counted = false;
            shared.open.decrementAndGet();
        }
        ctx.fireChannelInactive();
    }

    /**
     * Checks the connections and HTTP/2 streams of one loop twice a second: an idle connection past the idle timeout
     * is closed; a request whose head or body is overdue gets its 408 (or its connection is closed). Runs on its
     * loop only.
     */
    static final class Sweeper implements Runnable {
        private static final long PERIOD_MS = 250;
        private final Shared shared;
        private final Map<Channel, ConnectionState> watched = new HashMap<>();
        private boolean started;

        Sweeper(Shared shared) {
            this.shared = shared;
        }

        void enroll(Channel channel, ConnectionState state) {
            watched.put(channel, state);
            channel.closeFuture().addListener(f -> watched.remove(channel));
            if (!started) {
                started = true;
                channel.eventLoop().scheduleAtFixedRate(this, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void run() {
            if (watched.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            ServerConfig.Connections limits = shared.limits;
            for (Channel channel : watched.keySet().toArray(Channel[]::new)) {
                ConnectionState s = watched.get(channel);
                if (s == null) {
                    continue;
                }
                try {
                    check(channel, s, now, limits);
                } catch (RuntimeException e) {
                    LOG.warn("closing connection {} after a failure in its deadline check", channel, e);
                    watched.remove(channel);
                    channel.close();
                }
            }
        }

        private void check(Channel channel, ConnectionState s, long now, ServerConfig.Connections limits) {
            long waited = now - s.since();
            switch (s.phase()) {
                case IDLE -> {
                    if (waited > limits.idle().toNanos()) {
                        watched.remove(channel);
                        channel.close(); // from the tail: an HTTP/2 connection says GOAWAY first
                    }
                }
                case HEAD, BODY -> {
                    long limit = (s.phase() == ConnectionState.Phase.HEAD ? limits.header() : limits.body())
                            .toNanos();
                    if (waited > limit) {
                        watched.remove(channel);
                        Runnable timeout = s.requestTimeout();
                        s.to(ConnectionState.Phase.ANSWERING);
                        if (timeout != null) {
                            timeout.run();
                        } else {
                            channel.close();
                        }
                    }
                }
                case ANSWERING -> { }
            }
        }
    }
}
