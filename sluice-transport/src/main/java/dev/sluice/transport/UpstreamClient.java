package dev.sluice.transport;

import dev.sluice.spi.Attempt;
import dev.sluice.spi.http.Endpoint;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.transport.internal.Http1Connection;
import dev.sluice.transport.internal.Http1Exchange;
import dev.sluice.transport.internal.Http2Connections;
import dev.sluice.transport.internal.Http2Exchange;
import dev.sluice.transport.internal.Http2Pipelines;
import dev.sluice.transport.internal.LoopPool;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The upstream HTTP client of the data plane. Each event loop has its own pool of keep-alive HTTP/1.1 connections
 * and its own HTTP/2 connections per endpoint, so an exchange runs entirely on the loop of the call that makes it: the
 * connection is registered with that loop, and its answer is read and handed on by the same thread that read the
 * caller's request. No locks, no hand-offs. HTTP/2 is spoken as the endpoint says ({@link Endpoint#version()}): by
 * ALPN over TLS (falling back to HTTP/1.1 when the upstream picks it), with prior knowledge or by an h2c upgrade in
 * cleartext. Over TLS the host name is verified against the certificate. Thread-safe; {@link #send} must be called on
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
    private final SslContext tlsAlpn;
    private final FastThreadLocal<Http2Connections> http2 = new FastThreadLocal<>() {
        @Override
        protected Http2Connections initialValue() {
            return new Http2Connections();
        }

        @Override
        protected void onRemoval(Http2Connections connections) {
            connections.closeAll();
        }
    };
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
            this.tlsAlpn = SslContextBuilder.forClient().trustManager(options.trust())
                    .endpointIdentificationAlgorithm("HTTPS")
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                    .build();
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
        String providerId = attempt.deployment().providerId();
        Endpoint endpoint = request.endpoint();
        Http2Connections h2 = http2.get();
        if (endpoint.version() == Endpoint.HttpVersion.HTTP_1_1 || h2.http1Only(endpoint)) {
            Http1Exchange exchange = http1(request, handler, loop, connectTimeout, providerId);
            attempt.onCancel(exchange::abort);
            exchange.start();
            return exchange;
        }
        Http2Exchange exchange = new Http2Exchange(request, handler, h2,
                () -> connectHttp2(endpoint, loop, connectTimeout),
                fresh -> {
                    Http1Exchange fallback = http1(request, handler, loop, connectTimeout, providerId);
                    if (fresh != null) {
                        fallback.startOn(fresh);
                    } else {
                        fallback.start();
                    }
                    return fallback;
                }, providerId);
        attempt.onCancel(exchange::abort);
        exchange.start();
        return exchange;
    }

    private Http1Exchange http1(UpstreamRequest request, ResponseHandler handler, EventLoop loop,
                                Duration connectTimeout, String providerId) {
        return new Http1Exchange(request, handler, endpoint -> connect(endpoint, loop, connectTimeout), pools.get(),
                providerId);
    }

    /** A new connection for HTTP/2; the future tells, once the protocol is settled, which one to use. */
    private Future<Http2Connections.Outcome> connectHttp2(Endpoint endpoint, EventLoop loop, Duration timeout) {
        Promise<Http2Connections.Outcome> ready = loop.newPromise();
        LoopPool pool = pools.get();
        java.util.function.Consumer<ChannelPipeline> http1 = p -> addHttp1(p, endpoint, pool);
        ChannelFuture connected = bootstrap(loop, timeout, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                var p = ch.pipeline();
                p.addLast("idle", idle());
                if (endpoint.tls()) {
                    p.addLast("tls", tlsAlpn.newHandler(ch.alloc(), endpoint.host(), endpoint.port()));
                    p.addLast("alpn", Http2Pipelines.alpn(ready, http1));
                } else if (endpoint.version() == Endpoint.HttpVersion.H2C_UPGRADE) {
                    Http2Pipelines.addUpgrade(p, endpoint, ready, http1);
                } else {
                    Http2Pipelines.addHttp2(p);
                }
            }
        }).connect(endpoint.host(), endpoint.port());
        connected.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                ready.tryFailure(f.cause());
            } else if (!endpoint.tls() && endpoint.version() == Endpoint.HttpVersion.HTTP_2) {
                ready.trySuccess(new Http2Connections.Outcome.Http2(
                        new dev.sluice.transport.internal.Http2Connection(f.channel())));
            }
        });
        return ready;
    }

    private static EventLoop loopOf(Attempt attempt) {
        if (attempt.loop() instanceof EventLoop loop && loop.inEventLoop()) {
            return loop;
        }
        throw new IllegalStateException("upstream exchanges start on the attempt's event loop");
    }

    private ChannelFuture connect(Endpoint endpoint, EventLoop loop, Duration connectTimeout) {
        LoopPool pool = pools.get();
        return bootstrap(loop, connectTimeout, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                var p = ch.pipeline();
                if (endpoint.tls()) {
                    p.addLast("tls", tls.newHandler(ch.alloc(), endpoint.host(), endpoint.port()));
                }
                p.addLast("idle", idle());
                addHttp1(p, endpoint, pool);
            }
        }).connect(endpoint.host(), endpoint.port());
    }

    private Bootstrap bootstrap(EventLoop loop, Duration connectTimeout, ChannelInitializer<SocketChannel> init) {
        return new Bootstrap().group(loop).channel(loops.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(init);
    }

    private IdleStateHandler idle() {
        return new IdleStateHandler(0, 0, options.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void addHttp1(ChannelPipeline p, Endpoint endpoint, LoopPool pool) {
        p.addLast("codec", new HttpClientCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, MAX_CHUNK_BYTES));
        p.addLast("exchange", new Http1Connection(endpoint, pool));
    }

    @Override
    public void close() {
        // pooled connections close with their loops
    }
}
