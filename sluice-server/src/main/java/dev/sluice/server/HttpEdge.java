package dev.sluice.server;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge of one connection (HTTP/1.x) or one HTTP/2 stream: reads a request whole under its route's body
 * limit, hands it to the route on this event loop (or to a virtual thread for blocking routes), and answers every
 * failure in the route's error shape: unknown routes (404/405), bodies over the limit (413), malformed framing (400),
 * a request line over the limit (414), headers over the limit (431), crashes (500, saying nothing of the cause).
 * After a framing error or a rejected body, the connection is closed, never reused.
 *
 * <p>HTTP/1.1 requests are answered one at a time, in order: requests a client pipelines while one is being answered
 * wait in a small queue (past a few, the connection stops reading until the answer is done). Confined to the
 * channel's loop.
 */
final class HttpEdge extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEdge.class);
    /** Messages a client may send ahead (pipelining) while an answer is in progress; more closes the connection. */
    private static final int MAX_PENDING = 64;
    /**
     * Pipelined messages after which the connection stops reading until the answer in progress is done. Below it the
     * connection keeps reading (so a client that leaves is noticed at once, and no read interest is toggled per
     * request, which would cost two epoll_ctl calls each).
     */
    private static final int PAUSE_AT = 4;
    /** How long a closing connection goes on reading (and dropping) what the client still sends. */
    private static final long LINGER_MS = 2000;

    private final Routes routes;
    private final Executor blocking;
    private final Draining draining;
    private final boolean http2;
    private final ConnectionState state;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private HttpRequest head;
    private Routes.Match match;
    private RequestId id;
    private CompositeByteBuf body;
    private long bodyBytes;
    private boolean skipping;
    private ServerResponse current;
    private ChannelHandlerContext context;
    private boolean lingering;

    /**
     * @param state the connection's state (HTTP/1.x) or the stream's (HTTP/2), whose deadlines this edge keeps
     *     current and answers with a 408 when they pass
     */
    HttpEdge(Routes routes, Executor blocking, Draining draining, ConnectionState state, boolean http2) {
        this.state = state;
        this.routes = routes;
        this.blocking = blocking;
        this.draining = draining;
        this.http2 = http2;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (lingering) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (current != null) {
            pending.add(msg);
            if (pending.size() == PAUSE_AT) {
                ctx.channel().config().setAutoRead(false); // a client that pipelines: read no further for now
            } else if (pending.size() > MAX_PENDING) {
                ctx.close();
            }
            return;
        }
        read(ctx, msg);
    }

    private void read(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request) {
                onHead(ctx, request);
            }
            if (msg instanceof HttpContent content && current == null) {
                onContent(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHead(ChannelHandlerContext ctx, HttpRequest request) {
        id = RequestId.now();
        String uri = request.uri();
        if (request.decoderResult().isFailure()) {
            rejectFraming(ctx, pathOf(uri), request.decoderResult().cause());
            return;
        }
        String path = pathOf(uri);
        HttpVersion version = request.protocolVersion();
        if (!http2 && (version.majorVersion() != 1 || version.minorVersion() > 1)) {
            // Netty reads any HTTP/x.y; answering in it would be no HTTP the client knows, so: 400 and close
            answer(ctx, null, false).send(routes.shapeFor(path).encode(GatewayError.invalid(
                    "Only HTTP/1.0, HTTP/1.1 and HTTP/2 are served.", null)));
            return;
        }
        if (draining.active()) {
            reject(ctx, routes.shapeFor(path), new GatewayError(ErrorType.UPSTREAM_UNAVAILABLE, 503,
                    "Sluice is stopping; retry on another instance.", null, java.time.Duration.ofSeconds(1), null),
                    request, true);
            return;
        }
        try {
            match = routes.match(request.method().name(), path);
        } catch (GatewayException e) {
            reject(ctx, routes.shapeFor(path), e.error(), request, !bodyless(request));
            return;
        }
        long declared = HttpUtil.getContentLength(request, -1L);
        if (declared > match.route().maxBodyBytes()) {
            reject(ctx, match.route().errors(), tooLarge(match.route().maxBodyBytes()), request, true);
            return;
        }
        if (HttpUtil.is100ContinueExpected(request)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        head = request;
        state.to(ConnectionState.Phase.BODY);
        bodyBytes = 0;
        body = ctx.alloc().compositeBuffer(64);
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (skipping) {
            skipping = !(content instanceof LastHttpContent);
            return;
        }
        if (head == null) {
            return; // the rest of a request already answered; its connection is closing
        }
        if (content.decoderResult().isFailure()) {
            String path = pathOf(head.uri());
            dropBody();
            rejectFraming(ctx, path, content.decoderResult().cause());
            return;
        }
        bodyBytes += content.content().readableBytes();
        if (bodyBytes > match.route().maxBodyBytes()) {
            HttpRequest h = head;
            Routes.Route route = match.route(); // before dropBody() forgets the match
            dropBody();
            reject(ctx, route.errors(), tooLarge(route.maxBodyBytes()), h, true);
            return;
        }
        if (content.content().isReadable()) {
            body.addComponent(true, content.content().retain());
        }
        if (content instanceof LastHttpContent) {
            dispatch(ctx);
        }
    }

    private void dispatch(ChannelHandlerContext ctx) {
        byte[] bytes = new byte[body.readableBytes()];
        body.readBytes(bytes);
        HttpRequest h = head;
        Routes.Match m = match;
        dropBody();
        String uri = h.uri();
        int q = uri.indexOf('?');
        ServerRequest request = new ServerRequest(h.method().name(), pathOf(uri), q < 0 ? "" : uri.substring(q + 1),
                q < 0 ? Map.of() : query(uri.substring(q)), h.headers(), bytes, m.params(), id,
                ctx.channel().eventLoop());
        ServerResponse response = answer(ctx, h, keepAlive(h));
        state.to(ConnectionState.Phase.ANSWERING);
        Routes.Route route = m.route();
        if (route.blocking()) {
            blocking.execute(() -> invoke(route, request, response));
        } else {
            invoke(route, request, response);
        }
    }

    private ServerResponse answer(ChannelHandlerContext ctx, HttpRequest h, boolean keepAlive) {
        HttpVersion version = http2 || h == null ? HttpVersion.HTTP_1_1 : h.protocolVersion();
        current = new ServerResponse(ctx.channel(), id, version, http2, keepAlive, this::finished);
        return current;
    }

    private void invoke(Routes.Route route, ServerRequest request, ServerResponse response) {
        try {
            route.handler().handle(request, response);
        } catch (GatewayException e) {
            response.send(route.errors().encode(e.error()));
        } catch (Throwable t) {
            LOG.error("request {} to {} {} failed", request.id().value(), route.method(), route.pattern(), t);
            response.send(route.errors().encode(GatewayError.of(ErrorType.INTERNAL, "internal error")));
        }
    }

    private void finished(ServerResponse response, ChannelFuture lastWrite, boolean close) {
        if (close && !http2) {
            lastWrite.addListener((ChannelFuture f) -> linger(f));
        } else if (close) {
            lastWrite.addListener(ChannelFutureListener.CLOSE);
        } else {
            lastWrite.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
        if (current != response) {
            return;
        }
        current = null;
        if (close || http2) {
            return;
        }
        state.to(ConnectionState.Phase.IDLE);
        Object next;
        while (current == null && (next = pending.poll()) != null) {
            read(context, next);
        }
        if (current == null && lastWrite.channel().isActive() && !lastWrite.channel().config().isAutoRead()) {
            lastWrite.channel().config().setAutoRead(true);
        }
    }

    /**
     * Closes an HTTP/1.x connection gently once its last answer is out: the sending side is shut first, and what the
     * client still sends (the rest of a body that was refused) is read and dropped for up to {@link #LINGER_MS}, so
     * that the client reads the answer instead of a connection reset (as nginx's lingering close does).
     */
    private void linger(ChannelFuture written) {
        var ch = written.channel();
        if (!written.isSuccess() || !(ch instanceof io.netty.channel.socket.SocketChannel socket) || !ch.isActive()) {
            ch.close();
            return;
        }
        lingering = true;
        socket.shutdownOutput().addListener(f -> {
            ch.config().setAutoRead(true);
            ch.eventLoop().schedule(() -> {
                ch.close();
            }, LINGER_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        });
    }

    @Override
    public void handlerAdded(ChannelHandlerContext added) {
        this.context = added;
        state.onRequestTimeout(this::requestTimedOut);
    }

    /**
     * The request's head or body did not arrive in time: a 408 in the path's error shape, and the connection (or
     * stream) is closed, since the rest of the request may still come.
     */
    private void requestTimedOut() {
        ChannelHandlerContext ctx = context;
        if (current != null || lingering || !ctx.channel().isActive()) {
            ctx.channel().close();
            return;
        }
        String path = head == null ? "/" : pathOf(head.uri());
        if (head == null) {
            id = RequestId.now(); // the request line itself did not arrive
        }
        dropBody();
        skipping = false;
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        answer(ctx, null, false).send(routes.shapeFor(path).encode(new GatewayError(ErrorType.INVALID_REQUEST, 408,
                "The request did not arrive in time.",
                null, null, null)));
    }

    private void reject(ChannelHandlerContext ctx, ErrorShape shape, GatewayError error, HttpRequest request,
                        boolean close) {
        boolean keepAlive = !close && keepAlive(request);
        if (!close && !http2) {
            skipping = !(request instanceof LastHttpContent); // the empty body of a bodyless request follows
        }
        answer(ctx, request, keepAlive).send(shape.encode(error));
    }

    private void rejectFraming(ChannelHandlerContext ctx, String path, Throwable cause) {
        GatewayError error;
        if (cause instanceof TooLongHttpLineException) {
            error = new GatewayError(ErrorType.INVALID_REQUEST, 414, "The request line is too long.", null, null,
                    null);
        } else if (cause instanceof TooLongHttpHeaderException) {
            error = new GatewayError(ErrorType.INVALID_REQUEST, 431, "The request headers are too large.", null,
                    null, null);
        } else if (cause instanceof TooLongFrameException) {
            error = new GatewayError(ErrorType.REQUEST_TOO_LARGE, 413, "The request is too large.", null, null, null);
        } else {
            error = GatewayError.invalid("The request is not valid HTTP.", null);
        }
        if (current == null) {
            answer(ctx, null, false).send(routes.shapeFor(path).encode(error));
        } else {
            ctx.close();
        }
    }

    private static GatewayError tooLarge(long limit) {
        return new GatewayError(ErrorType.REQUEST_TOO_LARGE, 413,
                "Request body is larger than the limit of " + limit + " bytes.", null, null, null);
    }

    private boolean keepAlive(HttpRequest request) {
        return http2 || request != null && HttpUtil.isKeepAlive(request);
    }

    private static boolean bodyless(HttpRequest request) {
        return HttpUtil.getContentLength(request, 0L) == 0 && !HttpUtil.isTransferEncodingChunked(request);
    }

    /** The path of a request target as sent (origin form, or the path of an absolute form), without the query. */
    static String pathOf(String uri) {
        if (uri == null || uri.isEmpty()) {
            return "/";
        }
        String u = uri;
        int scheme = u.indexOf("://");
        if (scheme > 0 && !u.startsWith("/")) {
            int slash = u.indexOf('/', scheme + 3);
            u = slash < 0 ? "/" : u.substring(slash);
        }
        int q = u.indexOf('?');
        return q < 0 ? u : u.substring(0, q);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, List<String>> decoded = new QueryStringDecoder(rawQuery, true).parameters();
        Map<String, String> out = new LinkedHashMap<>();
        decoded.forEach((k, v) -> out.put(k, v.isEmpty() ? "" : v.getFirst()));
        return out;
    }

    private void dropBody() {
        if (body != null) {
            body.release();
            body = null;
        }
        head = null;
        match = null;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null) {
            current.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        dropBody();
        Object m;
        while ((m = pending.poll()) != null) {
            ReferenceCountUtil.release(m);
        }
        if (current != null) {
            current.callerGone();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof HttpServerUpgradeHandler.UpgradeEvent
                || evt instanceof CleartextHttp2ServerUpgradeHandler.PriorKnowledgeUpgradeEvent) {
            state.http2();
            ctx.pipeline().remove(this); // HTTP/2 took the connection over; its streams have their own edges
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection {} failed: {}", ctx.channel(), cause.toString());
        ctx.close();
    }
}
