package dev.sluice.transport.internal;

import dev.sluice.spi.http.Endpoint;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpClientUpgradeHandler;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2ClientUpgradeCodec;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import java.util.function.Consumer;

/**
 * The pipelines of HTTP/2 upstream connections: with prior knowledge in cleartext, negotiated by ALPN over TLS (which
 * may settle on HTTP/1.1), or upgraded from HTTP/1.1 in cleartext (which the upstream may refuse). Each completes a
 * promise with the connection to use once the protocol is settled.
 */
public final class Http2Pipelines {

    private Http2Pipelines() { }

    /** The HTTP/2 handlers of a client connection; streams the server would push are refused. */
    public static void addHttp2(ChannelPipeline p) {
        p.addLast("h2", codec());
        p.addLast("h2-streams", multiplex());
    }

    private static Http2FrameCodec codec() {
        return Http2FrameCodecBuilder.forClient()
                .initialSettings(Http2Settings.defaultSettings().pushEnabled(false))
                .build();
    }

    private static Http2MultiplexHandler multiplex() {
        return new Http2MultiplexHandler(new Discard(), new Discard());
    }

    /** Settles on h2 or http/1.1 after the TLS handshake. */
    public static ChannelHandler alpn(Promise<Http2Connections.Outcome> ready, Consumer<ChannelPipeline> http1) {
        return new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
            @Override
            protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                    addHttp2(ctx.pipeline());
                    ready.trySuccess(new Http2Connections.Outcome.Http2(new Http2Connection(ctx.channel())));
                } else {
                    http1.accept(ctx.pipeline());
                    ready.trySuccess(new Http2Connections.Outcome.Http1(ctx.channel()));
                }
            }

            @Override
            protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
                ready.tryFailure(cause);
                ctx.close();
            }
        };
    }

    /**
     * The handlers of an h2c upgrade: an {@code OPTIONS *} request carries the upgrade as soon as the connection is
     * made; a refusal's answer is read and dropped, and the connection goes on as HTTP/1.1.
     */
    public static void addUpgrade(ChannelPipeline p, Endpoint endpoint, Promise<Http2Connections.Outcome> ready,
                                  Consumer<ChannelPipeline> http1) {
        HttpClientCodec source = new HttpClientCodec();
        p.addLast("h1", source);
        p.addLast("upgrade", new HttpClientUpgradeHandler(source, new Http2ClientUpgradeCodec(
                (io.netty.handler.codec.http2.Http2ConnectionHandler) codec(), multiplex()),
                64 * 1024));
        p.addLast("upgrade-watch", new ChannelInboundHandlerAdapter() {
            private boolean rejected;

            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                DefaultFullHttpRequest probe = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.OPTIONS,
                        "*", Unpooled.EMPTY_BUFFER);
                probe.headers().set(HttpHeaderNames.HOST, endpoint.authority());
                ctx.writeAndFlush(probe);
                ctx.fireChannelActive();
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt == HttpClientUpgradeHandler.UpgradeEvent.UPGRADE_SUCCESSFUL) {
                    ctx.pipeline().remove(this);
                    ready.trySuccess(new Http2Connections.Outcome.Http2(new Http2Connection(ctx.channel())));
                } else if (evt == HttpClientUpgradeHandler.UpgradeEvent.UPGRADE_REJECTED) {
                    rejected = true;
                }
                ctx.fireUserEventTriggered(evt);
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                boolean last = msg instanceof LastHttpContent;
                ReferenceCountUtil.release(msg);
                if (rejected && last) {
                    ctx.pipeline().remove(this);
                    ctx.pipeline().remove("h1");
                    http1.accept(ctx.pipeline());
                    ready.trySuccess(new Http2Connections.Outcome.Http1(ctx.channel()));
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                ready.tryFailure(new java.nio.channels.ClosedChannelException());
                ctx.fireChannelInactive();
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ready.tryFailure(cause);
                ctx.close();
            }
        });
    }

    /** Streams nobody asked for (pushes, the upgrade's own answer) are read and dropped. */
    @ChannelHandler.Sharable
    private static final class Discard extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
