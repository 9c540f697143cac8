package dev.sluice.server;

import dev.sluice.api.event.RequestIds;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.time.Instant;

/** Gives every request an id, sent back as {@code x-request-id} on every response, errors and 404s included. */
final class RequestIdFilter implements Filter {

    static final HeaderName X_REQUEST_ID = HeaderNames.create("x-request-id");
    private static final Class<RequestIdFilter> KEY = RequestIdFilter.class;

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Id id = Id.now();
        req.context().register(KEY, id);
        res.header(X_REQUEST_ID, id.value());
        chain.proceed();
    }

    /** A request's id, and its arrival: on the monotonic clock for durations, on the wall clock for the ledger. */
    record Id(String value, long startNanos, Instant startedAt) {
        static Id now() {
            long nanos = System.nanoTime();
            Instant startedAt = Instant.now();
            return new Id(RequestIds.next(startedAt.toEpochMilli()), nanos, startedAt);
        }
    }

    static Id of(ServerRequest request) {
        return request.context().get(KEY, Id.class).orElseGet(Id::now);
    }
}
