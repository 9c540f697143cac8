package dev.sluice.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.AsciiString;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small upstream for transport tests that answers every request with the protocol it came over
 * ({@code {"protocol":"h2"}} or {@code "http/1.1"}) and counts connections. It speaks what it is told: HTTP/1.1 only,
 * HTTP/1.1 plus h2c (upgrade and prior knowledge), or TLS with the given ALPN protocols, using the test certificate.
 */
final class TestHttpServer implements AutoCloseable {

    enum Mode { HTTP1, H2C, TLS_H2, TLS_HTTP1 }

    private final Channel listener;
    final AtomicInteger connections = new AtomicInteger();

    TestHttpServer(EventLoops loops, Mode mode) throws Exception {
        this(loops, mode, "127.0.0.1");
    }

    TestHttpServer(EventLoops loops, Mode mode, String bindAddress) throws Exception {
        SslContext tls = mode == Mode.TLS_H2 || mode == Mode.TLS_HTTP1 ? SslContextBuilder
                .forServer(new File("src/test/resources/tls/server.pem"), new File("src/test/resources/tls/server.key"))
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        mode == Mode.TLS_H2 ? new String[] {ApplicationProtocolNames.HTTP_2,
                                ApplicationProtocolNames.HTTP_1_1} : new String[] {ApplicationProtocolNames.HTTP_1_1}))
                .build() : null;
        listener = new ServerBootstrap().group(loops.group()).channel(loops.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        ChannelPipeline p = ch.pipeline();
                        switch (mode) {
                            case HTTP1 -> http1(p);
                            case H2C -> h2c(p);
                            case TLS_H2, TLS_HTTP1 -> {
                                p.addLast(tls.newHandler(ch.alloc()));
                                p.addLast(new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                                    @Override
                                    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                                        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                                            ctx.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                                                    streams());
                                        } else {
                                            http1(ctx.pipeline());
                                        }
                                    }
                                });
                            }
                        }
                    }
                }).bind(bindAddress, 0).sync().channel();
    }

    int port() {
        return ((java.net.InetSocketAddress) listener.localAddress()).getPort();
    }

    private static void http1(ChannelPipeline p) {
        p.addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Answer("http/1.1"));
    }

    private static void h2c(ChannelPipeline p) {
        HttpServerCodec source = new HttpServerCodec();
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(source, protocol ->
                AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(Http2FrameCodecBuilder.forServer().build(), streams()) : null);
        p.addLast(new CleartextHttp2ServerUpgradeHandler(source, upgrade, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel c) {
                c.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(), streams());
            }
        }));
        p.addLast(new HttpObjectAggregator(1 << 20), new Answer("http/1.1"));
    }

    private static Http2MultiplexHandler streams() {
        return new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel s) {
                s.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true), new HttpObjectAggregator(1 << 20),
                        new Answer("h2"));
            }
        });
    }

    /** Answers with the protocol and the request's path. */
    private static final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final String protocol;

        Answer(String protocol) {
            this.protocol = protocol;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            byte[] body = ("{\"protocol\":\"" + protocol + "\",\"path\":\"" + req.uri() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(body));
            r.headers().set("content-type", "application/json").setInt("content-length", body.length);
            ctx.writeAndFlush(r);
        }
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
    }
}
