package dev.sluice.server;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The route table of the HTTP edge: method and path pattern ({@code /admin/requests/{id}}: a {@code {name}} matches
 * one segment) to a handler, the most body it reads, the shape of its errors, and whether it may block. Built once at
 * start-up, then read-only.
 */
public final class Routes {

    /** One route. */
    public record Route(String method, String pattern, long maxBodyBytes, ErrorShape errors, RouteHandler handler,
                        boolean blocking) {
        String[] segments() { return pattern.substring(1).split("/", -1); }
    }

    /** A matched route and its decoded path parameters. */
    record Match(Route route, Map<String, String> params) { }

    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Route> exact = new HashMap<>();
    private final List<dev.sluice.spi.InboundApi> apis;
    private final Map<String, String> absent = new java.util.LinkedHashMap<>();

    /** @param apis the APIs whose error shapes answer paths that match no route */
    public Routes(List<dev.sluice.spi.InboundApi> apis) {
        this.apis = List.copyOf(apis);
    }

    /** The error shape for a path that matched no route, or a request that could not be read. */
    ErrorShape shapeFor(String path) {
        return ErrorShape.forPath(apis, path);
    }

    /** A route answered on the event loop. */
    public Routes add(String method, String pattern, long maxBodyBytes, ErrorShape errors, RouteHandler handler) {
        return register(new Route(method, pattern, maxBodyBytes, errors, handler, false));
    }

    /** A route answered on a virtual thread: it may block (JDBC, files). */
    public Routes blocking(String method, String pattern, long maxBodyBytes, ErrorShape errors,
                           RouteHandler handler) {
        return register(new Route(method, pattern, maxBodyBytes, errors, handler, true));
    }

    /**
     * Paths under {@code prefix} that this server does not serve for a reason worth telling (no storage, so no admin
     * API): a request for one is answered 404 with {@code why} instead of "No route".
     */
    public Routes absent(String prefix, String why) {
        absent.put(prefix, why);
        return this;
    }

    private Routes register(Route route) {
        routes.add(route);
        if (!route.pattern().contains("{")) {
            exact.putIfAbsent(route.method() + " " + route.pattern(), route);
        }
        return this;
    }

    /**
     * The route for a request.
     *
     * @param rawPath the path as sent, percent-encoded
     * @throws GatewayException 404 when no route has the path, 405 when none has it with this method, 400 when a
     *     path parameter is not valid percent-encoding
     */
    Match match(String method, String rawPath) {
        Route r = exact.get(method + " " + rawPath);
        if (r != null) {
            return new Match(r, Map.of());
        }
        String[] parts = rawPath.substring(rawPath.startsWith("/") ? 1 : 0).split("/", -1);
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> params = matchPath(route.segments(), parts);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(method)) {
                return new Match(route, params);
            }
        }
        if (pathKnown) {
            throw new GatewayException(new GatewayError(ErrorType.INVALID_REQUEST, 405,
                    "Method " + method + " is not allowed on " + rawPath, null, null, null));
        }
        for (var a : absent.entrySet()) {
            if (rawPath.startsWith(a.getKey())) {
                throw new GatewayException(new GatewayError(ErrorType.NOT_FOUND, 404, a.getValue(), null, null,
                        null));
            }
        }
        throw new GatewayException(new GatewayError(ErrorType.NOT_FOUND, 404,
                "No route for " + method + " " + rawPath, null, null, null));
    }

    private static Map<String, String> matchPath(String[] pattern, String[] parts) {
        if (pattern.length != parts.length) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                if (params == null) {
                    params = new LinkedHashMap<>(2);
                }
                params.put(p.substring(1, p.length() - 1), parts[i]);
            } else if (!p.equals(parts[i])) {
                return null;
            }
        }
        if (params == null) {
            return Map.of();
        }
        params.replaceAll((name, raw) -> decode(name, raw));
        return params;
    }

    /** Percent-decodes one path segment exactly once ({@code +} stays a plus). */
    private static String decode(String name, String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            return QueryStringDecoder.decodeComponent(raw.replace("+", "%2B"));
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid("The path segment for '" + name + "' is not valid percent-encoding.",
                    name);
        }
    }
}
