package dev.sluice.transport.internal;

import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.transport.Exchange;
import dev.sluice.transport.ResponseHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One request and its answer as a stream of a shared HTTP/2 connection of the call's loop. Gets a usable connection
 * (or has one made), opens a stream, writes the request and reports the answer to its {@link ResponseHandler}. A
 * stream that fails before any byte of the answer on a connection made earlier is retried once on a new connection.
 * When the upstream turns out to speak only HTTP/1.1, the request goes to {@code http1} instead. Confined to the
 * call's loop.
 */
public final class Http2Exchange implements Exchange {

    private final UpstreamRequest request;
    private final ResponseHandler handler;
    private final Http2Connections connections;
    private final Supplier<Future<Http2Connections.Outcome>> connect;
    private final Function<io.netty.channel.Channel, Exchange> http1;
    private Exchange delegate;
    private final String providerId;
    private Http2StreamChannel stream;
    private boolean reused;
    private boolean retried;
    private boolean answering;
    private boolean finished;

    /**
     * @param http1 runs the request over HTTP/1.1 instead: on the given fresh connection, or on a pooled or new one
     *     when given null
     */
    public Http2Exchange(UpstreamRequest request, ResponseHandler handler, Http2Connections connections,
                         Supplier<Future<Http2Connections.Outcome>> connect,
                         Function<io.netty.channel.Channel, Exchange> http1, String providerId) {
        this.request = request;
        this.handler = handler;
        this.connections = connections;
        this.connect = connect;
        this.http1 = http1;
        this.providerId = providerId;
    }

    public void start() {
        Http2Connection live = connections.usable(request.endpoint());
        if (live != null) {
            reused = true;
            open(live);
            return;
        }
        connections.acquire(request.endpoint(), connect, (outcome, failure) -> {
            if (finished) {
                if (outcome instanceof Http2Connections.Outcome.Http1 h1 && h1.channel() != null) {
                    h1.channel().close();
                }
                return;
            }
            if (failure != null) {
                fail(TransportErrors.connectFailed(providerId, failure));
            } else if (outcome instanceof Http2Connections.Outcome.Http2 h2) {
                open(h2.connection());
            } else if (outcome instanceof Http2Connections.Outcome.Http1 h1) {
                finished = true; // the HTTP/1.1 exchange reports from now on
                delegate = http1.apply(h1.channel());
            }
        });
    }

    private void open(Http2Connection connection) {
        connection.open(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel ch) {
                ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false), new StreamReader());
            }
        }, (Future<Http2StreamChannel> f) -> {
            if (finished) {
                if (f.isSuccess()) {
                    f.getNow().close();
                }
                return;
            }
            if (!f.isSuccess()) {
                onBroken(f.cause());
                return;
            }
            stream = f.getNow();
            stream.writeAndFlush(Requests.encode(request)).addListener((ChannelFuture w) -> {
                if (!w.isSuccess()) {
                    onBroken(w.cause());
                }
            });
        });
    }

    private void onMessage(Object msg) {
        try {
            if (finished) {
                return;
            }
            if (msg instanceof HttpObject o && o.decoderResult().isFailure()) {
                fail(TransportErrors.malformed(providerId));
                return;
            }
            if (msg instanceof HttpResponse r) {
                if (r.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                    return;
                }
                answering = true;
                handler.onHead(new NettyResponseHead(r));
            }
            if (msg instanceof HttpContent c && !finished) {
                if (c.content().isReadable()) {
                    handler.onBody(c.content());
                }
                if (msg instanceof LastHttpContent && !finished) {
                    finished = true;
                    handler.onEnd();
                }
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onBroken(Throwable cause) {
        if (finished) {
            return;
        }
        if (!answering && reused && !retried) {
            retried = true;
            reused = false;
            if (stream != null) {
                stream.close();
                stream = null;
            }
            connections.acquire(request.endpoint(), connect, (outcome, failure) -> {
                if (failure != null) {
                    fail(TransportErrors.connectFailed(providerId, failure));
                } else if (outcome instanceof Http2Connections.Outcome.Http2 h2) {
                    open(h2.connection());
                } else if (outcome instanceof Http2Connections.Outcome.Http1 h1) {
                    finished = true;
                    delegate = http1.apply(h1.channel());
                }
            });
            return;
        }
        fail(TransportErrors.broken(providerId, cause, answering));
    }

    private void fail(Throwable cause) {
        if (finished) {
            return;
        }
        finished = true;
        if (stream != null) {
            stream.close(); // resets the stream; the connection goes on serving others
        }
        handler.onFailure(cause);
    }

    @Override
    public void pause() {
        if (delegate != null) {
            delegate.pause();
        } else if (stream != null && !finished) {
            stream.config().setAutoRead(false);
        }
    }

    @Override
    public void resume() {
        if (delegate != null) {
            delegate.resume();
        } else if (stream != null && !finished) {
            stream.config().setAutoRead(true);
        }
    }

    @Override
    public void abort() {
        if (delegate != null) {
            delegate.abort();
        } else {
            fail(new CancellationException("the exchange was aborted"));
        }
    }

    /** The end of a stream's pipeline: what the stream reads goes to the exchange. */
    private final class StreamReader extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            onMessage(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (!finished) {
                try {
                    handler.onReadComplete();
                } catch (RuntimeException e) {
                    fail(e);
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            onBroken(new ClosedChannelException());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            onBroken(cause);
        }
    }
}
