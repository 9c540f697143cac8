package dev.sluice.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * Raw Netty prototype: 2 epoll event loops; each client connection lives on one loop, and its upstream exchange uses a
 * keep-alive connection from that loop's own idle deque (a FastThreadLocal, touched only by its loop), so the whole
 * call runs on one thread with no hand-off. Usage: java -Dmode=fast|tree [-Dcheck.thread=true] -cp prototypes.jar
 * dev.sluice.bench.NettyProxy [port]
 */
public final class NettyProxy {
    private static final InetSocketAddress UPSTREAM = new InetSocketAddress(Common.UPSTREAM_HOST, Common.UPSTREAM_PORT);
    private static final AsciiString JSON = AsciiString.cached("application/json");
    private static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");
    private static final AsciiString UPSTREAM_HOST_PORT = AsciiString.cached(Common.UPSTREAM_HOST + ":" + Common.UPSTREAM_PORT);
    private static final AsciiString UPSTREAM_AUTH = AsciiString.cached(Common.UPSTREAM_AUTH);
    private static final boolean EPOLL = Epoll.isAvailable();

    /** Idle upstream connections of the current event loop (LIFO: the warmest connection first). */
    private static final FastThreadLocal<ArrayDeque<Upstream>> IDLE = new FastThreadLocal<>() {
        @Override
        protected ArrayDeque<Upstream> initialValue() { return new ArrayDeque<>(); }
    };

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 4410;
        IoHandlerFactory ioFactory = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, ioFactory);
        System.out.println("netty " + io.netty.util.Version.identify().get("netty-common").artifactVersion() + ": transport="
                + (EPOLL ? "epoll" : "nio (epoll unavailable: " + Epoll.unavailabilityCause() + ")") + " loops=2 mode="
                + Common.mode() + " check.thread=" + Common.CHECK + " port=" + port + " unsafe=" + io.netty.util.internal.PlatformDependent.hasUnsafe() + " pid=" + ProcessHandle.current().pid());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("netty stats " + new String(Common.statsJson()))));
        Class<? extends ServerSocketChannel> server = EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        new ServerBootstrap().group(loops).channel(server) // one group: the acceptor shares a loop, children round-robin
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(Common.MAX_BODY), new ClientSide());
                    }
                })
                .bind(Common.UPSTREAM_HOST, port).sync().channel().closeFuture().sync();
    }

    /** The client-facing handler: routes, checks the key, translates, and starts the upstream exchange. */
    static final class ClientSide extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            String uri = req.uri();
            if (req.method() == HttpMethod.GET && uri.equals("/health")) {
                reply(ctx, keepAlive, 200, Common.HEALTH, null);
            } else if (req.method() == HttpMethod.GET && uri.equals("/stats")) {
                reply(ctx, keepAlive, 200, Common.statsJson(), null);
            } else if (req.method() != HttpMethod.POST || !uri.equals("/v1/chat/completions")) {
                reply(ctx, keepAlive, 404, new Common.HttpError(404, "Not found").json(), null);
            } else {
                try {
                    Common.authorize(req.headers().get(HttpHeaderNames.AUTHORIZATION));
                    byte[] body = Common.translateRequest(ByteBufUtil.getBytes(req.content()));
                    new Exchange(ctx, keepAlive, body).start();
                } catch (Common.HttpError e) {
                    reply(ctx, keepAlive, e.status, e.json(), null);
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) { ctx.close(); }
    }

    static void reply(ChannelHandlerContext ctx, boolean keepAlive, int status, byte[] body, String requestId) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, JSON).setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (requestId != null) r.headers().set(X_REQUEST_ID, requestId);
        if (keepAlive) {
            ctx.writeAndFlush(r, ctx.voidPromise());
        } else {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** One proxied call. Created, run and completed on the client connection's event loop. */
    static final class Exchange {
        final ChannelHandlerContext client;
        final boolean keepAlive;
        final byte[] body;
        final Thread thread = Thread.currentThread();

        Exchange(ChannelHandlerContext client, boolean keepAlive, byte[] body) {
            this.client = client;
            this.keepAlive = keepAlive;
            this.body = body;
        }

        void start() {
            ArrayDeque<Upstream> idle = IDLE.get();
            for (Upstream u; (u = idle.pollLast()) != null; ) {
                if (u.channel.isActive()) { u.send(this); return; }
            }
            Upstream u = new Upstream();
            new Bootstrap().group(client.channel().eventLoop()) // the new connection is registered on OUR loop
                    .channel(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(Common.MAX_BODY), u);
                        }
                    })
                    .connect(UPSTREAM).addListener((ChannelFutureListener) f -> {
                        if (f.isSuccess()) u.send(this);
                        else fail(502, "Upstream connect failed");
                    });
        }

        void complete(Upstream u, FullHttpResponse resp) {
            Common.calls.increment();
            if (Common.CHECK) {
                if (Thread.currentThread() != thread) Common.threadMismatch.increment();
                if (u.channel.eventLoop() != client.channel().eventLoop()) Common.connMismatch.increment();
            }
            int status = resp.status().code();
            byte[] in = ByteBufUtil.getBytes(resp.content());
            try {
                reply(client, keepAlive, status, status == 200 ? Common.translateResponse(in) : in, Common.requestId());
            } catch (Common.HttpError e) {
                reply(client, keepAlive, e.status, e.json(), null);
            }
        }

        void fail(int status, String message) {
            reply(client, keepAlive, status, new Common.HttpError(status, message).json(), null);
        }
    }

    /** The handler at the end of one pooled upstream connection's pipeline; at most one exchange in flight. */
    static final class Upstream extends SimpleChannelInboundHandler<FullHttpResponse> {
        Channel channel;
        Exchange current;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) { channel = ctx.channel(); }

        void send(Exchange ex) {
            current = ex;
            FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, Common.UPSTREAM_PATH,
                    Unpooled.wrappedBuffer(ex.body));
            r.headers().set(HttpHeaderNames.HOST, UPSTREAM_HOST_PORT)
                    .set(HttpHeaderNames.CONTENT_TYPE, JSON)
                    .set(HttpHeaderNames.ACCEPT, JSON)
                    .set(HttpHeaderNames.AUTHORIZATION, UPSTREAM_AUTH)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, ex.body.length);
            channel.writeAndFlush(r, channel.voidPromise()); // a failed write fires exceptionCaught -> close -> 502
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse resp) {
            Exchange ex = current;
            current = null;
            if (ex == null) { ctx.close(); return; }
            if (HttpUtil.isKeepAlive(resp)) IDLE.get().addLast(this); // back to this loop's deque before replying
            else ctx.close();
            ex.complete(this, resp);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Exchange ex = current;
            current = null;
            if (ex != null) ex.fail(502, "Upstream connection closed");
            else IDLE.get().remove(this);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) { ctx.close(); }
    }
}
