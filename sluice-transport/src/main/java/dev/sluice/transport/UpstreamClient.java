package dev.sluice.transport;

import dev.sluice.spi.Attempt;
import dev.sluice.spi.http.Endpoint;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.transport.internal.Http1Connection;
import dev.sluice.transport.internal.Http1Exchange;
import dev.sluice.transport.internal.LoopPool;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.FastThreadLocal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The upstream HTTP client of the data plane. Each event loop has its own pool of keep-alive connections per
 * endpoint, so an exchange runs entirely on the loop of the call that makes it: the connection is registered with that
 * loop, and its answer is read and handed on by the same thread that read the caller's request. No locks, no
 * hand-offs. Over TLS the host name is verified against the certificate. Thread-safe; {@link #send} must be called on
 * the attempt's loop.
 */
public final class UpstreamClient implements AutoCloseable {

    /** Settings of the client. */
    public record Options(int maxIdlePerEndpoint, Duration idleTimeout, TrustManagerFactory trust) {
        public static final Options DEFAULT = new Options(256, Duration.ofSeconds(60), null);
    }

    private static final int MAX_INITIAL_LINE = 8192;
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_CHUNK_BYTES = 64 * 1024;

    private final EventLoops loops;
    private final Options options;
    private final SslContext tls;
    private final FastThreadLocal<LoopPool> pools = new FastThreadLocal<>() {
        @Override
        protected LoopPool initialValue() {
            return new LoopPool(options.maxIdlePerEndpoint());
        }

        @Override
        protected void onRemoval(LoopPool pool) {
            pool.closeAll();
        }
    };

    public UpstreamClient(EventLoops loops, Options options) {
        this.loops = loops;
        this.options = options;
        try {
            this.tls = SslContextBuilder.forClient().trustManager(options.trust())
                    .endpointIdentificationAlgorithm("HTTPS").build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for upstream connections", e);
        }
    }

    /**
     * Sends {@code request} for {@code attempt}; the answer goes to {@code handler} on the attempt's loop. Cancelling
     * the attempt aborts the exchange.
     */
    public Exchange send(UpstreamRequest request, Attempt attempt, ResponseHandler handler) {
        EventLoop loop = loopOf(attempt);
        Duration connectTimeout = attempt.deployment().timeouts().connect();
        Http1Exchange exchange = new Http1Exchange(request, handler,
                endpoint -> connect(endpoint, loop, connectTimeout), pools.get(), attempt.deployment().providerId());
        attempt.onCancel(exchange::abort);
        exchange.start();
        return exchange;
    }

    private static EventLoop loopOf(Attempt attempt) {
        if (attempt.loop() instanceof EventLoop loop && loop.inEventLoop()) {
            return loop;
        }
        throw new IllegalStateException("upstream exchanges start on the attempt's event loop");
    }

    private ChannelFuture connect(Endpoint endpoint, EventLoop loop, Duration connectTimeout) {
        LoopPool pool = pools.get();
        return new Bootstrap().group(loop).channel(loops.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        var p = ch.pipeline();
                        if (endpoint.tls()) {
                            p.addLast("tls", tls.newHandler(ch.alloc(), endpoint.host(), endpoint.port()));
                        }
                        p.addLast("idle", new IdleStateHandler(0, 0, options.idleTimeout().toMillis(),
                                TimeUnit.MILLISECONDS));
                        p.addLast("codec", new HttpClientCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, MAX_CHUNK_BYTES));
                        p.addLast("exchange", new Http1Connection(endpoint, pool));
                    }
                })
                .connect(endpoint.host(), endpoint.port());
    }

    @Override
    public void close() {
        // pooled connections close with their loops
    }
}
