package dev.sluice.spi.http;

import dev.sluice.spi.Timeouts;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Sends upstream HTTP requests. Blocking, for virtual threads: {@link #send} returns once the response headers arrive,
 * with the body unread. Implementations pool connections per host and are thread-safe.
 *
 * <p>The request gives the method, URI and headers; its body publisher is ignored in favour of {@code body}.
 * Connecting may take at most {@code timeouts.connect()}; every read may wait at most {@code readTimeout}, after which
 * the read fails with a {@link java.net.SocketTimeoutException} (possibly wrapped).
 */
public interface UpstreamTransport {

    HttpResponse<InputStream> send(HttpRequest request, byte[] body, Timeouts timeouts, java.time.Duration readTimeout)
            throws IOException, InterruptedException;
}
