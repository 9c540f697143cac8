package dev.sluice.transport.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;

/**
 * One HTTP/2 connection to an upstream, shared by the exchanges of one event loop as streams. It takes no new stream
 * once the upstream said GOAWAY, closed, or has as many streams open as it allows. Confined to its loop.
 */
public final class Http2Connection {

    /** Until the upstream's SETTINGS say otherwise (RFC 9113 recommends at least 100). */
    private static final int DEFAULT_MAX_STREAMS = 100;

    private final Channel parent;
    private int active;
    private long maxStreams = DEFAULT_MAX_STREAMS;
    private boolean goingAway;

    public Http2Connection(Channel parent) {
        this.parent = parent;
        parent.pipeline().addLast("h2-watch", new Watcher());
    }

    /** True when a new stream can be opened now. */
    boolean usable() {
        return parent.isActive() && !goingAway && active < maxStreams;
    }

    /** Opens a stream whose pipeline {@code handler} sets up; the count of open streams follows its life. */
    void open(ChannelHandler handler, GenericFutureListener<Future<Http2StreamChannel>> then) {
        active++;
        new Http2StreamChannelBootstrap(parent).handler(handler).open().addListener(
                (Future<Http2StreamChannel> f) -> {
                    if (f.isSuccess()) {
                        f.getNow().closeFuture().addListener(x -> active--);
                    } else {
                        active--;
                    }
                    then.operationComplete(f);
                });
    }

    Channel channel() { return parent; }

    /** Notes the upstream's GOAWAY and its stream limit; drops what else reaches the connection itself. */
    private final class Watcher extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2GoAwayFrame) {
                    goingAway = true;
                } else if (msg instanceof Http2SettingsFrame s && s.settings().maxConcurrentStreams() != null) {
                    maxStreams = s.settings().maxConcurrentStreams();
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof io.netty.handler.timeout.IdleStateEvent && active == 0) {
                ctx.close(); // idle with no stream open: no longer worth keeping
            }
            ReferenceCountUtil.release(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
