package dev.sluice.transport.internal;

import dev.sluice.spi.http.Endpoint;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;

/**
 * The last handler of a pooled HTTP/1.1 upstream connection: passes what the connection reads to the exchange using
 * it, and takes the connection out of its loop's pool when it closes or idles out while nobody uses it.
 */
public final class Http1Connection extends ChannelInboundHandlerAdapter {

    private final Endpoint endpoint;
    private final LoopPool pool;
    private Http1Exchange current;

    public Http1Connection(Endpoint endpoint, LoopPool pool) {
        this.endpoint = endpoint;
        this.pool = pool;
    }

    void attach(Http1Exchange exchange) {
        current = exchange;
    }

    void detach(Http1Exchange exchange) {
        if (current == exchange) {
            current = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Http1Exchange e = current;
        if (e == null) {
            ReferenceCountUtil.release(msg);
            ctx.close(); // bytes nobody asked for: the connection is out of step, never reuse it
            return;
        }
        e.onMessage(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Http1Exchange e = current;
        if (e != null) {
            e.onReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Http1Exchange e = current;
        current = null;
        if (e != null) {
            e.onBroken(new ClosedChannelException());
        } else {
            pool.remove(endpoint, ctx.channel());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Http1Exchange e = current;
        current = null;
        ctx.close();
        if (e != null) {
            e.onBroken(cause);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && current == null) {
            pool.remove(endpoint, ctx.channel());
            ctx.close();
        }
        ReferenceCountUtil.release(evt);
    }
}
