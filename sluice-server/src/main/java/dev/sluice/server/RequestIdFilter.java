package dev.sluice.server;

import dev.sluice.gateway.engine.RequestIds;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;

/** Gives every request an id, sent back as {@code x-request-id} on every response, errors and 404s included. */
final class RequestIdFilter implements Filter {

    static final HeaderName X_REQUEST_ID = HeaderNames.create("x-request-id");
    private static final Class<RequestIdFilter> KEY = RequestIdFilter.class;

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String id = RequestIds.next();
        req.context().register(KEY, new Id(id, System.nanoTime()));
        res.header(X_REQUEST_ID, id);
        chain.proceed();
    }

    record Id(String value, long startNanos) { }

    static Id of(ServerRequest request) {
        return request.context().get(KEY, Id.class).orElseGet(() -> new Id(RequestIds.next(), System.nanoTime()));
    }
}
