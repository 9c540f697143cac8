package dev.sluice.server;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The public HTTP server: the OpenAI, Anthropic and Bedrock routes, health, metrics and whatever the app adds, on the
 * data plane's event loops. HTTP/1.1 and HTTP/2 (h2c by upgrade or prior knowledge) on one port. A connection stays
 * on the loop that accepted it, and so does every call it makes.
 */
public final class SluiceServer implements AutoCloseable {

    /** What a Sluice without storage says of its admin API. */
    public static final String LEDGER_OFF = "This Sluice keeps no ledger (its config says storage: none), so it has "
            + "no admin API and no feedback route; start it with storage (the default) to use them.";


    /** Accept queue for connection bursts (thousands of clients opening streams at once); the kernel may cap it. */
    private static final int BACKLOG = 8192;

    /** How long a graceful stop waits for the calls in flight. */
    private static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(30);

    private final List<Channel> listeners;
    private final ExecutorService blocking;
    private final dev.sluice.gateway.engine.Gateway gateway;
    private final Draining draining;
    private boolean stopped;

    private SluiceServer(List<Channel> listeners, ExecutorService blocking,
                         dev.sluice.gateway.engine.Gateway gateway, Draining draining) {
        this.listeners = listeners;
        this.blocking = blocking;
        this.gateway = gateway;
        this.draining = draining;
    }

    /**
     * Binds and starts serving.
     *
     * @throws GatewayException {@code UPSTREAM_UNAVAILABLE}-free: an {@code INTERNAL} error naming the address when
     *     the port is taken or cannot be bound
     */
    public static SluiceServer start(ServerOptions options) {
        Draining draining = new Draining();
        ExecutorService blocking = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sluice-http-", 0)
                .factory());
        ConnectionGuard.Shared connections = new ConnectionGuard.Shared(options.connections());
        ServerHealth health = new ServerHealth(draining, connections, options.storage(), blocking,
                options.cluster());
        Routes routes = new Routes(options.apis());
        GatewayRoutes.register(routes, options);
        health.register(routes);
        if (options.extraRoutes() == null) {
            routes.absent("/admin/", LEDGER_OFF).absent("/v1/feedback", LEDGER_OFF);
        } else {
            options.extraRoutes().accept(routes);
        }
        ServerPipeline.Limits limits = new ServerPipeline.Limits(ServerPipeline.Limits.DEFAULT.maxInitialLine(),
                ServerPipeline.Limits.DEFAULT.maxHeaderBytes(), options.maxBodyBytes(),
                ServerPipeline.Limits.DEFAULT.maxConcurrentStreams());
        ServerPipeline pipeline = new ServerPipeline(routes, blocking, limits, draining, tls(options),
                connections);
        try {
            List<Channel> listeners = listen(options, pipeline);
            health.listening(listeners);
            return new SluiceServer(listeners, blocking, options.gateway(), draining);
        } catch (Exception e) {
            blocking.close();
            String why = e instanceof BindException || e.getCause() instanceof BindException
                    || String.valueOf(e.getMessage()).contains("Address already in use")
                    ? "the port is already in use or not allowed"
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            throw new GatewayException(new GatewayError(ErrorType.INTERNAL, 500, "cannot listen on "
                    + options.host() + ":" + options.port() + ": " + why, null, null, null));
        }
    }

    /**
     * Binds the listening sockets. With epoll, every loop gets its own socket on the same port (SO_REUSEPORT) and
     * the kernel spreads new connections over them, so a connection is accepted, registered and served by one loop
     * and no loop ever waits behind another's queue to take a connection on (nginx's and Envoy's way). The port is
     * first bound alone, without SO_REUSEPORT, so that a port already taken is still refused. Elsewhere one socket on
     * one loop accepts for all of them.
     */
    private static List<Channel> listen(ServerOptions options, ServerPipeline pipeline) throws Exception {
        List<Channel> listeners = new ArrayList<>();
        if (!options.loops().epoll()) {
            listeners.add(bootstrap(options, options.loops().group(), pipeline, false)
                    .bind(options.host(), options.port()).sync().channel());
            return listeners;
        }
        int port = options.port();
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(options.host(), port));
            port = probe.getLocalPort(); // port 0: the one the system chose, shared by every loop's socket
        }
        try {
            for (io.netty.util.concurrent.EventExecutor loop : options.loops().group()) {
                listeners.add(bootstrap(options, (io.netty.channel.EventLoop) loop, pipeline, true)
                        .bind(options.host(), port).sync().channel());
            }
        } catch (Exception e) {
            listeners.forEach(Channel::close);
            throw e;
        }
        return listeners;
    }

    private static ServerBootstrap bootstrap(ServerOptions options, io.netty.channel.EventLoopGroup group,
                                             ServerPipeline pipeline, boolean reusePort) {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(options.loops().serverChannel())
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                // accept every connection that is waiting, not 16 per turn of the loop: a burst of thousands of
                // clients must not wait in the kernel's queue while the loop also serves the calls under way
                .option(ChannelOption.RCVBUF_ALLOCATOR, acceptAll())
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new AcceptBackoff())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(pipeline);
        if (reusePort) {
            b.option(io.netty.channel.epoll.EpollChannelOption.SO_REUSEPORT, true);
        }
        return b;
    }

    private static io.netty.channel.ServerChannelRecvByteBufAllocator acceptAll() {
        var a = new io.netty.channel.ServerChannelRecvByteBufAllocator();
        a.maxMessagesPerRead(1024);
        return a;
    }

    /** The TLS context with ALPN (h2 first, then http/1.1), or null for cleartext. */
    private static io.netty.handler.ssl.SslContext tls(ServerOptions options) {
        if (options.tls() == null) {
            return null;
        }
        try {
            return io.netty.handler.ssl.SslContextBuilder.forServer(options.tls().certFile().toFile(),
                            options.tls().keyFile().toFile())
                    .applicationProtocolConfig(new io.netty.handler.ssl.ApplicationProtocolConfig(
                            io.netty.handler.ssl.ApplicationProtocolConfig.Protocol.ALPN,
                            io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            io.netty.handler.ssl.ApplicationProtocolNames.HTTP_2,
                            io.netty.handler.ssl.ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new GatewayException(new GatewayError(ErrorType.INTERNAL, 500, "cannot use the TLS certificate "
                    + options.tls().certFile() + " with key " + options.tls().keyFile() + ": " + e.getMessage(),
                    null, null, null));
        }
    }

    public int port() {
        return ((java.net.InetSocketAddress) listeners.getFirst().localAddress()).getPort();
    }

    /**
     * Stops accepting connections and starting calls (a request on a connection still open gets a 503), then waits
     * (up to 30 s) for the calls in flight to finish on their loops, and for blocking routes to return. The loops
     * themselves stop later, with the app.
     */
    @Override
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            draining.start();
            listeners.forEach(l -> l.close().syncUninterruptibly());
            gateway.awaitIdle(DRAIN);
            blocking.close();
        }
    }
}
