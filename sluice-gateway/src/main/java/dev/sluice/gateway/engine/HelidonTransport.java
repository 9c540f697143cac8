package dev.sluice.gateway.engine;

import dev.sluice.spi.Timeouts;
import dev.sluice.spi.http.UpstreamTransport;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.http1.Http1Client;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
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

/**
 * Sends upstream requests with Helidon's blocking web client on the calling virtual thread, reusing keep-alive
 * connections per host. Chosen over the JDK client for the request path: the JDK client hands every exchange to its
 * selector thread and back, which cost about a third of the gateway's CPU in the benchmark (docs/benchmarks.md).
 */
final class HelidonTransport implements UpstreamTransport {

    private final Map<Duration, Http1Client> clients = new ConcurrentHashMap<>();

    @Override
    public HttpResponse<InputStream> send(HttpRequest request, byte[] body, Timeouts timeouts, Duration readTimeout) {
        Http1Client client = clients.computeIfAbsent(timeouts.connect(), t -> Http1Client.builder()
                .connectTimeout(t)
                .proxy(Proxy.noProxy())
                .followRedirects(false)
                .keepAlive(true)
                .shareConnectionCache(false)
                .sendExpectContinue(false)
                .build());
        Http1ClientRequest r = client.method(Method.create(request.method())).uri(request.uri())
                .readTimeout(readTimeout);
        request.headers().map().forEach((name, values) ->
                r.header(HeaderNames.create(name), values.toArray(String[]::new)));
        HttpClientResponse response = r.submit(body);
        return new Response(request, response);
    }

    /** The Helidon response seen through the JDK's {@link HttpResponse}, so codecs need not know the transport. */
    private static final class Response implements HttpResponse<InputStream> {
        private final HttpRequest request;
        private final HttpClientResponse response;
        private final HttpHeaders headers;
        private final InputStream body;

        Response(HttpRequest request, HttpClientResponse response) {
            this.request = request;
            this.response = response;
            Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Header h : response.headers()) {
                map.computeIfAbsent(h.name(), k -> new ArrayList<>()).addAll(h.allValues());
            }
            this.headers = HttpHeaders.of(map, (a, b) -> true);
            this.body = new FilterInputStream(response.inputStream()) {
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

        @Override public int statusCode() { return response.status().code(); }

        @Override public HttpRequest request() { return request; }

        @Override public Optional<HttpResponse<InputStream>> previousResponse() { return Optional.empty(); }

        @Override public HttpHeaders headers() { return headers; }

        @Override public InputStream body() { return body; }

        @Override public Optional<SSLSession> sslSession() { return Optional.empty(); }

        @Override public URI uri() { return request.uri(); }

        @Override public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }
}
