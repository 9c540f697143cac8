package dev.sluice.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.impl.HttpClientConnectionInternal;

/**
 * Vert.x prototype: 2 event loops, 2 instances of one verticle (one per loop), each with its own HttpServer on the
 * shared port and, by default, its OWN HttpClient. Vert.x 5.0.7's HTTP/1 pool (SharedHttpClientConnectionGroup) swaps
 * the pool's same-event-loop selector for a LIFO selector that ignores the caller's loop, so one client shared by both
 * loops hands connections across loops (Vert.x then hops threads to deliver callbacks on the caller's context). A client
 * per verticle only ever creates connections on its own loop (PoolOptions eventLoopSize 0 = the caller's loop), which
 * restores affinity. -Dvertx.client=shared runs the shared-client variant to show the difference.
 * Usage: java -Dmode=fast|tree [-Dcheck.thread=true] [-Dvertx.client=perloop|shared] -cp prototypes.jar
 * dev.sluice.bench.VertxProxy [port]
 */
public final class VertxProxy extends VerticleBase {
    private static final boolean SHARED = "shared".equals(System.getProperty("vertx.client", "perloop"));
    private static final boolean STRICT = Boolean.getBoolean("proto.strictThreadMode"); // experimental server option
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence X_REQUEST_ID = HttpHeaders.createOptimized("x-request-id");
    private static final CharSequence UPSTREAM_AUTH = HttpHeaders.createOptimized(Common.UPSTREAM_AUTH);

    private final int port;
    private final HttpClient shared;
    private HttpClient client;

    VertxProxy(int port, HttpClient shared) {
        this.port = port;
        this.shared = shared;
    }

    static HttpClient newClient(Vertx vertx, int maxSize) {
        return vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setPipelining(false).setTcpNoDelay(true)
                        .setDefaultHost(Common.UPSTREAM_HOST).setDefaultPort(Common.UPSTREAM_PORT),
                // eventLoopSize 0 (the default): a new connection is created on the event loop of the caller's context.
                // http1MaxSize above the peak in-flight count per client, so the pool never falls back to a
                // connection of another loop (SimpleConnectionPool.Acquire step 3) or queues a waiter (step 4).
                new PoolOptions().setEventLoopSize(0).setHttp1MaxSize(maxSize).setMaxWaitQueueSize(-1));
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 4411;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setPreferNativeTransport(true));
        System.out.println("vertx " + io.vertx.core.internal.VertxInternal.version() + " (netty "
                + io.netty.util.Version.identify().get("netty-common").artifactVersion() + "): transport="
                + (vertx.isNativeTransportEnabled() ? "epoll (native)" : "nio (native unavailable: " + vertx.unavailableNativeTransportCause() + ")")
                + " loops=2 mode=" + Common.mode() + " client=" + (SHARED ? "shared" : "perloop") + " strict=" + STRICT + " check.thread="
                + Common.CHECK + " port=" + port + " unsafe=" + io.netty.util.internal.PlatformDependent.hasUnsafe() + " pid=" + ProcessHandle.current().pid());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("vertx stats " + new String(Common.statsJson()))));
        HttpClient sharedClient = SHARED ? newClient(vertx, 256) : null;
        vertx.deployVerticle(() -> new VertxProxy(port, sharedClient), new DeploymentOptions().setInstances(2))
                .onFailure(e -> { e.printStackTrace(); System.exit(1); });
    }

    @Override
    public Future<?> start() {
        client = shared != null ? shared : newClient(vertx, 128);
        return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setAcceptBacklog(1024).setStrictThreadMode(STRICT))
                .requestHandler(this::handle)
                .listen(port, Common.UPSTREAM_HOST);
    }

    private void handle(HttpServerRequest req) {
        String path = req.path();
        if (req.method() == HttpMethod.GET && path.equals("/health")) {
            reply(req, 200, Common.HEALTH, null);
        } else if (req.method() == HttpMethod.GET && path.equals("/stats")) {
            reply(req, 200, Common.statsJson(), null);
        } else if (req.method() != HttpMethod.POST || !path.equals("/v1/chat/completions")) {
            reply(req, 404, new Common.HttpError(404, "Not found").json(), null);
        } else {
            Buffer acc = Buffer.buffer();
            req.handler(chunk -> {
                if (acc.length() + chunk.length() > Common.MAX_BODY) {
                    req.handler(null);
                    req.response().setStatusCode(413).putHeader(HttpHeaders.CONNECTION, "close").end();
                    req.connection().close();
                } else {
                    acc.appendBuffer(chunk);
                }
            });
            req.endHandler(v -> {
                if (!req.response().ended()) proxy(req, acc);
            });
        }
    }

    private void proxy(HttpServerRequest req, Buffer body) {
        byte[] upstreamBody;
        try {
            Common.authorize(req.getHeader(HttpHeaders.AUTHORIZATION));
            upstreamBody = Common.translateRequest(body.getBytes());
        } catch (Common.HttpError e) {
            reply(req, e.status, e.json(), null);
            return;
        }
        Thread thread = Thread.currentThread();
        client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI(Common.UPSTREAM_PATH))
                .compose(up -> {
                    if (Common.CHECK) { // which loop does the pooled connection's I/O run on?
                        HttpClientConnectionInternal conn = (HttpClientConnectionInternal) up.connection();
                        if (!conn.context().nettyEventLoop().inEventLoop(thread)) Common.connMismatch.increment();
                    }
                    up.putHeader(HttpHeaders.CONTENT_TYPE, JSON).putHeader(HttpHeaders.ACCEPT, JSON)
                            .putHeader(HttpHeaders.AUTHORIZATION, UPSTREAM_AUTH)
                            .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(upstreamBody.length));
                    return up.send(Buffer.buffer(upstreamBody));
                })
                .compose(resp -> resp.body().map(b -> complete(req, thread, resp, b)))
                .onFailure(e -> reply(req, 502, new Common.HttpError(502, "Upstream failed").json(), null));
    }

    private Void complete(HttpServerRequest req, Thread thread, HttpClientResponse resp, Buffer b) {
        Common.calls.increment();
        if (Common.CHECK && Thread.currentThread() != thread) Common.threadMismatch.increment();
        int status = resp.statusCode();
        byte[] in = b.getBytes();
        try {
            reply(req, status, status == 200 ? Common.translateResponse(in) : in, Common.requestId());
        } catch (Common.HttpError e) {
            reply(req, e.status, e.json(), null);
        }
        return null;
    }

    private static void reply(HttpServerRequest req, int status, byte[] body, String requestId) {
        var r = req.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON);
        if (requestId != null) r.putHeader(X_REQUEST_ID, requestId);
        r.end(Buffer.buffer(body));
    }
}
