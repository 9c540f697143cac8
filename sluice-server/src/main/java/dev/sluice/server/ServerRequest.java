package dev.sluice.server;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;

/**
 * A whole request as a route sees it: method, path, query, headers and the body read under the route's size limit.
 * Immutable. Path and query parameters are percent-decoded exactly once.
 */
public final class ServerRequest {

    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, String> query;
    private final HttpHeaders headers;
    private final byte[] body;
    private final Map<String, String> pathParams;
    private final RequestId id;
    private final EventLoop loop;

    ServerRequest(String method, String path, String rawQuery, Map<String, String> query, HttpHeaders headers,
                  byte[] body, Map<String, String> pathParams, RequestId id, EventLoop loop) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.pathParams = pathParams;
        this.id = id;
        this.loop = loop;
    }

    public String method() { return method; }

    /** The path as sent (still percent-encoded), without the query. */
    public String path() { return path; }

    /** The query as sent (still percent-encoded, without the {@code ?}), or an empty string. */
    public String rawQuery() { return rawQuery; }

    /** The query parameters, decoded, first value of each. */
    public Map<String, String> query() { return query; }

    /** A header's first value, by case-insensitive name, or null. */
    public String header(String name) { return headers.get(name); }

    public HttpHeaders headers() { return headers; }

    /** The body, read whole under the route's limit (empty when there was none). */
    public byte[] body() { return body; }

    /** A {@code {name}} segment of the route's path, decoded; null when the route has no such segment. */
    public String pathParam(String name) { return pathParams.get(name); }

    public RequestId id() { return id; }

    /** The event loop that read this request; the call it starts runs there. */
    public EventLoop loop() { return loop; }
}
