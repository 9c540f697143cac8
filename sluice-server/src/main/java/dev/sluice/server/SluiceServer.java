package dev.sluice.server;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.net.BindException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The public HTTP server: the OpenAI, Anthropic and Bedrock routes, health, metrics and whatever the app adds, on the
 * data plane's event loops. HTTP/1.1 and HTTP/2 (h2c by upgrade or prior knowledge) on one port. A connection stays
 * on the loop that accepted it, and so does every call it makes.
 */
public final class SluiceServer implements AutoCloseable {

    /** Accept queue for connection bursts (thousands of clients opening streams at once); the kernel may cap it. */
    private static final int BACKLOG = 8192;

    /** How long a graceful stop waits for the calls in flight. */
    private static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(30);

    private final Channel listener;
    private final ExecutorService blocking;
    private final dev.sluice.gateway.engine.Gateway gateway;
    private final Draining draining;
    private boolean stopped;

    private SluiceServer(Channel listener, ExecutorService blocking, dev.sluice.gateway.engine.Gateway gateway,
                         Draining draining) {
        this.listener = listener;
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
        Routes routes = new Routes(options.apis());
        GatewayRoutes.register(routes, options);
        if (options.extraRoutes() != null) {
            options.extraRoutes().accept(routes);
        }
        Draining draining = new Draining();
        ExecutorService blocking = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sluice-http-", 0)
                .factory());
        ServerPipeline.Limits limits = new ServerPipeline.Limits(ServerPipeline.Limits.DEFAULT.maxInitialLine(),
                ServerPipeline.Limits.DEFAULT.maxHeaderBytes(), options.maxBodyBytes(),
                ServerPipeline.Limits.DEFAULT.maxConcurrentStreams());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(options.loops().group())
                .channel(options.loops().serverChannel())
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ServerPipeline(routes, blocking, limits, draining, tls(options)));
        try {
            Channel ch = bootstrap.bind(options.host(), options.port()).syncUninterruptibly().channel();
            return new SluiceServer(ch, blocking, options.gateway(), draining);
        } catch (Exception e) {
            blocking.close();
            String why = e instanceof BindException ? "the port is already in use or not allowed"
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            throw new GatewayException(new GatewayError(ErrorType.INTERNAL, 500, "cannot listen on "
                    + options.host() + ":" + options.port() + ": " + why, null, null, null));
        }
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
        return ((java.net.InetSocketAddress) listener.localAddress()).getPort();
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
            listener.close().syncUninterruptibly();
            gateway.awaitIdle(DRAIN);
            blocking.close();
        }
    }
}
