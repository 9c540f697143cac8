package dev.sluice.server;

/**
 * Answers one route. Runs on the event loop that read the request, and must not block it; a route registered as
 * blocking ({@link Routes#blocking}) runs on a virtual thread instead. Exceptions are answered by the edge's one
 * error handler: a {@link dev.sluice.api.error.GatewayException} with its own status, anything else as a 500 that
 * says nothing about the cause.
 */
@FunctionalInterface
public interface RouteHandler {
    void handle(ServerRequest request, ServerResponse response) throws Exception;
}
