package dev.sluice.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AsciiString;
import java.util.concurrent.Executor;

/**
 * Builds each accepted connection's pipeline. In cleartext: HTTP/1.1, and HTTP/2 both by upgrade ({@code h2c}) and by
 * prior knowledge, on one port. Over TLS: HTTP/2 or HTTP/1.1, as the client chooses by ALPN. Every HTTP/1.x
 * connection and every HTTP/2 stream ends in its own {@link HttpEdge}.
 */
final class ServerPipeline extends ChannelInitializer<SocketChannel> {

    /** Limits of the HTTP codecs. */
    record Limits(int maxInitialLine, int maxHeaderBytes, long maxBodyBytes, int maxConcurrentStreams) {
        static final Limits DEFAULT = new Limits(8192, 16 * 1024, 8L * 1024 * 1024, 1000);
    }

    private final Routes routes;
    private final Executor blocking;
    private final Limits limits;
    private final Draining draining;
    private final SslContext tls;
    private final ConnectionGuard.Shared connections;

    /**
     * @param tls the server's TLS context with ALPN (h2, http/1.1), or null for cleartext
     * @param connections the connection cap and deadlines
     */
    ServerPipeline(Routes routes, Executor blocking, Limits limits, Draining draining, SslContext tls,
                   ConnectionGuard.Shared connections) {
        this.connections = connections;
        this.routes = routes;
        this.blocking = blocking;
        this.limits = limits;
        this.draining = draining;
        this.tls = tls;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ConnectionState state = ConnectionState.connection();
        ch.pipeline().addLast("guard", new ConnectionGuard(connections, state, tls != null));
        if (tls != null) {
            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
            ch.pipeline().addLast("alpn", new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                @Override
                protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                    if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                        state.http2();
                        ctx.pipeline().addLast(http2Codec(), http2Streams(), PeerErrors.INSTANCE);
                    } else {
                        ctx.pipeline().addLast("h1", new HttpServerCodec(limits.maxInitialLine(),
                                limits.maxHeaderBytes(), 64 * 1024));
                        ctx.pipeline().addLast("edge", new HttpEdge(routes, blocking, draining, state, false));
                    }
                }
            });
            return;
        }
        HttpServerCodec http1 = new HttpServerCodec(limits.maxInitialLine(), limits.maxHeaderBytes(), 64 * 1024);
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(http1, protocol ->
                AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(http2Codec(), http2Streams(), PeerErrors.INSTANCE) : null,
                (int) Math.min(Integer.MAX_VALUE, limits.maxBodyBytes()));
        ChannelPipeline p = ch.pipeline();
        p.addLast("h2c", new CleartextHttp2ServerUpgradeHandler(http1, upgrade, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel c) {
                c.pipeline().addLast(http2Codec(), http2Streams(), PeerErrors.INSTANCE);
            }
        }));
        p.addLast("edge", new HttpEdge(routes, blocking, draining, state, false));
    }

    private io.netty.handler.codec.http2.Http2FrameCodec http2Codec() {
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(limits.maxConcurrentStreams())
                        .maxHeaderListSize(limits.maxHeaderBytes()))
                .build();
    }

    private Http2MultiplexHandler http2Streams() {
        return new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                ConnectionState own = ConnectionState.stream();
                ConnectionState parent = stream.parent().attr(ConnectionState.KEY).get();
                if (parent != null) {
                    parent.streamOpened();
                    stream.closeFuture().addListener(f -> parent.streamClosed());
                }
                connections.watch(stream, own);
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true),
                        new HttpEdge(routes, blocking, draining, own, true));
            }
        });
    }
}
