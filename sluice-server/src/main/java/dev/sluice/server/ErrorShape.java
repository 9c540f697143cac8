package dev.sluice.server;

import dev.sluice.api.error.GatewayError;
import dev.sluice.api.json.Json;
import dev.sluice.api.wire.WireReply;
import dev.sluice.spi.InboundApi;
import java.util.List;
import java.util.Map;

/** How errors look on a route: each API's own error JSON and status, so every client reads its failures natively. */
@FunctionalInterface
public interface ErrorShape {

    WireReply encode(GatewayError error);

    /**
     * Sluice's own routes (admin, health, metrics): {@code {"error": {"type", "message", "param"}}} with the error's
     * status, the type named as OpenAI names it.
     */
    ErrorShape SLUICE = e -> {
        var root = Json.object();
        var err = root.putObject("error");
        err.put("type", switch (e.status()) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> e.status() >= 500 ? "server_error" : "invalid_request_error";
        }).put("message", e.message());
        if (e.param() != null) {
            err.put("param", e.param());
        }
        return new WireReply(e.status(), "application/json", Map.of(), Json.bytes(root));
    };

    /**
     * The shape of the API whose path prefix {@code path} starts with, the longest such prefix winning (an unknown
     * route, a request that could not be read); Sluice's own shape when none does.
     */
    static ErrorShape forPath(List<InboundApi> apis, String path) {
        InboundApi best = null;
        if (path != null) {
            for (InboundApi api : apis) {
                if (path.startsWith(api.pathPrefix())
                        && (best == null || api.pathPrefix().length() > best.pathPrefix().length())) {
                    best = api;
                }
            }
        }
        return best == null ? SLUICE : best::error;
    }
}
