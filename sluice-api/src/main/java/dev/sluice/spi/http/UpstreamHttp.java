package dev.sluice.spi.http;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.Attempt;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Sends one upstream request so that the gateway can cancel it: the body stream is registered with the
 * {@link Attempt}, and transport failures become canonical errors naming the provider (never the URL's secrets).
 */
public final class UpstreamHttp {

    private UpstreamHttp() { }

    /**
     * Sends {@code request} and returns the response with its body unread. The caller reads and closes the body.
     * Headers from {@link Attempt#forwardHeaders()} must already be on the request.
     */
    public static HttpResponse<InputStream> send(HttpClient client, HttpRequest request, Attempt attempt,
                                                 String providerId) {
        CompletableFuture<HttpResponse<InputStream>> future =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        attempt.onCancel(() -> future.cancel(true));
        HttpResponse<InputStream> response;
        try {
            response = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw transportError(providerId, e);
        } catch (ExecutionException e) {
            throw transportError(providerId, e.getCause());
        } catch (CancellationException e) {
            throw transportError(providerId, e);
        }
        InputStream body = response.body();
        attempt.onCancel(body);
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
        if (cause instanceof HttpConnectTimeoutException) {
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

    /** Builder preset: JSON content type and the forwarded trace headers. */
    public static HttpRequest.Builder jsonPost(java.net.URI uri, byte[] body, Attempt attempt) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        attempt.forwardHeaders().forEach(b::header);
        return b;
    }
}
