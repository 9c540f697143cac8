package dev.sluice.transport.internal;

import dev.sluice.spi.http.Endpoint;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.transport.Exchange;
import dev.sluice.transport.ResponseHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CancellationException;

/**
 * One request and its answer over a pooled HTTP/1.1 connection of the call's loop. Takes an idle connection or opens
 * one, writes the request, and reports the answer to its {@link ResponseHandler}; at a clean end the connection goes
 * back to the loop's pool (unless the upstream asked to close it). A reused connection that fails before any byte of
 * the answer arrived is retried once on a new connection: the upstream closed it while it was idle and never saw the
 * request. Confined to the call's loop.
 */
public final class Http1Exchange implements Exchange {

    private final UpstreamRequest request;
    private final ResponseHandler handler;
    private final Connector connector;
    private final LoopPool pool;
    private final String providerId;
    private Channel channel;
    private Http1Connection connection;
    private boolean reused;
    private boolean retried;
    private boolean answering;
    private boolean keepAlive;
    private boolean finished;

    /** Opens new connections for an exchange; the returned future completes on the exchange's loop. */
    @FunctionalInterface
    public interface Connector {
        ChannelFuture connect(Endpoint endpoint);
    }

    public Http1Exchange(UpstreamRequest request, ResponseHandler handler, Connector connector, LoopPool pool,
                         String providerId) {
        this.request = request;
        this.handler = handler;
        this.connector = connector;
        this.pool = pool;
        this.providerId = providerId;
    }

    /** Sends on a connection just made for this exchange (an HTTP/2 attempt that fell back to HTTP/1.1). */
    public void startOn(Channel fresh) {
        send(fresh);
    }

    public void start() {
        Channel idle = pool.take(request.endpoint());
        if (idle != null) {
            reused = true;
            send(idle);
        } else {
            connect();
        }
    }

    private void connect() {
        connector.connect(request.endpoint()).addListener((ChannelFuture f) -> {
            if (finished) {
                f.channel().close();
            } else if (f.isSuccess()) {
                send(f.channel());
            } else {
                fail(TransportErrors.connectFailed(providerId, f.cause()));
            }
        });
    }

    private void send(Channel c) {
        channel = c;
        connection = c.pipeline().get(Http1Connection.class);
        connection.attach(this);
        c.writeAndFlush(Requests.encode(request)).addListener((ChannelFuture f) -> {
            if (!f.isSuccess() && f.channel() == channel) {
                onBroken(f.cause());
            }
        });
    }

    void onMessage(Object msg) {
        try {
            if (finished) {
                return;
            }
            if (msg instanceof HttpObject o && o.decoderResult().isFailure()) {
                keepAlive = false;
                fail(TransportErrors.malformed(providerId));
                return;
            }
            if (msg instanceof HttpResponse r) {
                if (r.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL) {
                    return; // 100 Continue and friends: the real answer follows
                }
                answering = true;
                keepAlive = HttpUtil.isKeepAlive(r);
                handler.onHead(new NettyResponseHead(r));
            }
            if (msg instanceof HttpContent c && !finished) {
                if (c.content().isReadable()) {
                    handler.onBody(c.content());
                }
                if (msg instanceof LastHttpContent && !finished) {
                    complete();
                }
            }
        } catch (RuntimeException e) {
            keepAlive = false;
            fail(e); // the handler gave up (e.g. a malformed stream): the rest of the answer is never read
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    void onReadComplete() {
        if (!finished) {
            try {
                handler.onReadComplete();
            } catch (RuntimeException e) {
                fail(e);
            }
        }
    }

    void onBroken(Throwable cause) {
        if (finished) {
            return;
        }
        if (!answering && reused && !retried) {
            retried = true;
            reused = false;
            Channel stale = channel;
            connection.detach(this);
            channel = null;
            stale.close();
            connect();
            return;
        }
        fail(TransportErrors.broken(providerId, cause, answering));
    }

    private void complete() {
        finished = true;
        Channel c = channel;
        connection.detach(this);
        if (keepAlive && c.isActive()) {
            c.config().setAutoRead(true);
            pool.give(request.endpoint(), c);
        } else {
            c.close();
        }
        handler.onEnd();
    }

    private void fail(Throwable cause) {
        if (finished) {
            return;
        }
        finished = true;
        if (channel != null) {
            connection.detach(this);
            channel.close();
        }
        handler.onFailure(cause);
    }

    @Override
    public void pause() {
        if (channel != null && !finished) {
            channel.config().setAutoRead(false);
        }
    }

    @Override
    public void resume() {
        if (channel != null && !finished) {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void abort() {
        fail(new CancellationException("the exchange was aborted"));
    }
}
