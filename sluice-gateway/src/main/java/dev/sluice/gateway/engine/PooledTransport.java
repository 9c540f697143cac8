package dev.sluice.gateway.engine;

import dev.sluice.spi.Attempt;
import dev.sluice.spi.http.AbortableResponse;
import dev.sluice.spi.http.UpstreamTransport;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends upstream requests with Apache HttpClient 5's classic (blocking) API on the calling virtual thread, from a
 * pool of keep-alive connections per connect timeout. Measured on loopback: a 25 us round trip against 90 us for
 * Helidon's client and more for the JDK client, whose selector hand-offs also cost a third of the gateway's CPU
 * (docs/benchmarks.md). Thread-safe; closing it closes the pools.
 */
final class PooledTransport implements UpstreamTransport, AutoCloseable {

    private static final int MAX_CONNECTIONS = 10_000;
    /**
     * Reads wait without a socket timeout (see {@link UpstreamTransport}): with one, every read that waits arms and
     * cancels a timer on the virtual-thread scheduler, which cost 24% of the gateway's CPU per call (measured).
     */
    private static final RequestConfig NO_READ_TIMEOUT = RequestConfig.custom().setResponseTimeout(Timeout.DISABLED)
            .build();

    private final Map<Duration, CloseableHttpClient> clients = new ConcurrentHashMap<>();

    private CloseableHttpClient client(Duration connectTimeout) {
        return clients.computeIfAbsent(connectTimeout, t -> HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(t))
                                .setValidateAfterInactivity(Timeout.ofSeconds(2))
                                .build())
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState()
                .useSystemProperties()
                .build());
    }

    @Override
    public HttpResponse<InputStream> send(HttpRequest request, byte[] body, Attempt attempt, boolean stream)
            throws IOException {
        HttpUriRequestBase r = new HttpUriRequestBase(request.method(), request.uri());
        String type = null;
        for (var header : request.headers().map().entrySet()) { // loops, not streams: this runs on every call
            for (String value : header.getValue()) {
                r.addHeader(header.getKey(), value);
                if (type == null && header.getKey().equalsIgnoreCase("content-type")) {
                    type = value;
                }
            }
        }
        r.setEntity(new ByteArrayEntity(body, type == null ? null
                : org.apache.hc.core5.http.ContentType.parse(type)));
        r.setConfig(NO_READ_TIMEOUT);
        attempt.onCancel(r::cancel); // the attempt's timers abort the exchange, even while waiting for the headers
        try {
            ClassicHttpResponse response = client(attempt.deployment().timeouts().connect())
                    .executeOpen(null, r, null);
            return new Response(request, r, response);
        } catch (IllegalStateException e) {
            if (r.isCancelled()) { // cancelled before a connection was leased: Apache says "endpoint not acquired"
                throw new InterruptedIOException("the attempt was cancelled before it was sent");
            }
            throw e;
        }
    }

    @Override
    public void close() {
        clients.values().forEach(c -> {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing pools at shutdown: nothing to recover
            }
        });
    }

    /** The Apache response seen through the JDK's {@link HttpResponse}, so codecs need not know the transport. */
    private static final class Response implements HttpResponse<InputStream>, AbortableResponse {
        private final HttpRequest request;
        private final HttpUriRequestBase exchange;
        private final int status;
        private final HttpHeaders headers;
        private final InputStream body;

        Response(HttpRequest request, HttpUriRequestBase exchange, ClassicHttpResponse response) throws IOException {
            this.request = request;
            this.exchange = exchange;
            this.status = response.getCode();
            Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Header h : response.getHeaders()) {
                map.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
            }
            this.headers = HttpHeaders.of(map, (a, b) -> true);
            HttpEntity entity = response.getEntity();
            InputStream raw = entity == null ? InputStream.nullInputStream() : entity.getContent();
            this.body = new FilterInputStream(raw) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        response.close();
                    }
                }
            };
        }

        @Override
        public void abort() {
            exchange.cancel();
        }

        @Override public int statusCode() { return status; }

        @Override public HttpRequest request() { return request; }

        @Override public Optional<HttpResponse<InputStream>> previousResponse() { return Optional.empty(); }

        @Override public HttpHeaders headers() { return headers; }

        @Override public InputStream body() { return body; }

        @Override public Optional<SSLSession> sslSession() { return Optional.empty(); }

        @Override public URI uri() { return request.uri(); }

        @Override public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }

}
