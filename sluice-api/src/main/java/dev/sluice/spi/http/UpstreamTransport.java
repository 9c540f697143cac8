package dev.sluice.spi.http;

import dev.sluice.spi.Attempt;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Sends upstream HTTP requests. Blocking, for virtual threads: {@link #send} returns once the response headers arrive,
 * with the body unread. Implementations pool connections per host and are thread-safe.
 *
 * <p>The request gives the method, URI and headers; its body publisher is ignored in favour of {@code body}.
 * Connecting may take at most the deployment's connect timeout. Waiting for the headers and reading the body carry no
 * socket timeout: before it blocks, the transport registers with {@link Attempt#onCancel} a hook that aborts the
 * exchange, and the gateway cancels the attempt when its first-token or total timeout passes, which fails the blocked
 * call with an {@link IOException}. (A socket timeout would arm a timer on the virtual-thread scheduler for every read
 * that waits: measured, about a fifth of the gateway's CPU.) A transport that cannot be aborted before the headers
 * arrive bounds the wait for them instead: by the first-token timeout for a stream, by the total one otherwise.
 */
public interface UpstreamTransport {

    HttpResponse<InputStream> send(HttpRequest request, byte[] body, Attempt attempt, boolean stream)
            throws IOException, InterruptedException;
}
