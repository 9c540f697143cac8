package dev.sluice.spi.http;

import java.util.Map;
import java.util.Objects;

/**
 * One upstream HTTP request, fully formed by a provider (headers, signature, body): the engine sends it as it is.
 * The engine adds {@code host} and {@code content-length} itself; providers must not.
 *
 * @param path the raw request target, already percent-encoded, starting with {@code /} (the endpoint's base path
 *     included)
 * @param headers lower-case names, in the order they are to be sent
 * @param stream true when the answer is expected as a stream (SSE or AWS event stream)
 */
public record UpstreamRequest(String method, Endpoint endpoint, String path, Map<String, String> headers, byte[] body,
                              boolean stream) {

    public UpstreamRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(path, "path");
        headers = headers == null ? Map.of() : headers;
        body = body == null ? new byte[0] : body;
    }

    /** A JSON POST. */
    public static UpstreamRequest post(Endpoint endpoint, String path, Map<String, String> headers, byte[] body,
                                       boolean stream) {
        return new UpstreamRequest("POST", endpoint, path, headers, body, stream);
    }

    @Override
    public String toString() { // never the headers: they carry credentials
        return method + " " + endpoint + path.substring(Math.min(path.length(), endpoint.basePath().length()));
    }
}
