package dev.sluice.spi.http;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.ProviderContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;

/**
 * Sends one upstream request so that the gateway can cancel it: the body stream is registered with the
 * {@link Attempt}, and transport failures become canonical errors naming the provider (never the URL's secrets).
 */
public final class UpstreamHttp {

    private UpstreamHttp() { }

    /**
     * Sends {@code request} with {@code body} through the context's {@link UpstreamTransport} and returns the response
     * with its body unread (the caller reads and closes it). The body stream is registered with the attempt so the
     * gateway's timeouts can cut it, unless the transport already registered its own abort before it blocked for the
     * headers (an {@link AbortableResponse}).
     */
    public static HttpResponse<InputStream> send(ProviderContext context, HttpRequest request, byte[] body,
                                                 Attempt attempt, String providerId, boolean stream) {
        return send(context.transport(), request, body, attempt, providerId, stream);
    }

    /** Like {@link #send(ProviderContext, HttpRequest, byte[], Attempt, String, boolean)} on a given transport. */
    public static HttpResponse<InputStream> send(UpstreamTransport transport, HttpRequest request, byte[] body,
                                                 Attempt attempt, String providerId, boolean stream) {
        HttpResponse<InputStream> response;
        try {
            response = transport.send(request, body, attempt, stream);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw transportError(providerId, e);
        } catch (IOException | RuntimeException e) {
            throw transportError(providerId, e);
        }
        if (!(response instanceof AbortableResponse)) { // an abortable one's transport registered it before sending
            attempt.onCancel(response.body());
        }
        return response;
    }

    /** Reads a whole (error or small) body, at most {@code limit} bytes; closes it. */
    public static byte[] readBody(InputStream body, int limit, String providerId) {
        try (body) {
            return body.readNBytes(limit);
        } catch (IOException e) {
            throw transportError(providerId, e);
        }
    }

    /** Maps a transport failure to a canonical error. */
    public static GatewayException transportError(String providerId, Throwable cause) {
        ErrorType type;
        String message;
        cause = unwrap(cause);
        if (cause instanceof java.net.SocketTimeoutException) {
            type = ErrorType.TIMEOUT;
            message = "provider '" + providerId + "' sent nothing within the read timeout";
        } else if (cause instanceof HttpConnectTimeoutException) {
            type = ErrorType.TIMEOUT;
            message = "timed out connecting to provider '" + providerId + "'";
        } else if (cause instanceof HttpTimeoutException) {
            type = ErrorType.TIMEOUT;
            message = "provider '" + providerId + "' timed out";
        } else if (cause instanceof ConnectException) {
            type = ErrorType.UPSTREAM_UNAVAILABLE;
            message = "cannot connect to provider '" + providerId + "'";
        } else if (cause instanceof CancellationException || cause instanceof InterruptedException) {
            type = ErrorType.TIMEOUT;
            message = "call to provider '" + providerId + "' was cancelled";
        } else {
            type = ErrorType.UPSTREAM_ERROR;
            message = "connection to provider '" + providerId + "' failed"
                    + (cause != null && cause.getMessage() != null ? ": " + cause.getClass().getSimpleName() : "");
        }
        return new GatewayException(new GatewayError(type, type.defaultStatus(), message, providerId, null, null),
                cause);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        for (int i = 0; i < 5 && c != null; i++) {
            if (c instanceof java.net.SocketTimeoutException || c instanceof ConnectException
                    || c instanceof HttpTimeoutException) {
                return c;
            }
            c = c.getCause();
        }
        return t;
    }

    /** Builder preset: JSON content type and the forwarded trace headers. */
    public static HttpRequest.Builder jsonPost(java.net.URI uri, byte[] body, Attempt attempt) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        attempt.forwardHeaders().forEach(b::header);
        return b;
    }
}
