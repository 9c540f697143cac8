package dev.sluice.server;

import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.wire.EmbeddingsWireCodec;
import dev.sluice.gateway.engine.CallContext;
import dev.sluice.gateway.engine.ClientGoneException;
import dev.sluice.gateway.engine.Gateway;
import dev.sluice.spi.InboundApi;
import java.nio.charset.StandardCharsets;

/**
 * The public routes: every inbound API's own (chat, embeddings, the model list), each answering errors in its shape,
 * then health and metrics. The APIs are found like providers ({@link InboundApis}); this class names none.
 */
final class GatewayRoutes {

    private GatewayRoutes() { }

    static void register(Routes routes, ServerOptions options) {
        Gateway gw = options.gateway();
        Authenticator auth = options.auth();
        CallObserver obs = options.observer() == null ? CallObserver.NONE : options.observer();
        long max = options.maxBodyBytes();
        long created = System.currentTimeMillis() / 1000;
        for (InboundApi api : options.apis()) {
            ErrorShape errors = api::error;
            for (InboundApi.Route r : api.routes()) {
                RouteHandler handler = switch (r.kind()) {
                    case CHAT -> new ChatRoute(api.chat(), gw, auth, r.modelPathParam(), r.stream(), obs);
                    case EMBEDDINGS -> embeddings(api.name(), api.embeddings(), errors, gw, auth);
                    case MODELS -> (req, res) -> {
                        auth.authenticate(req);
                        res.send(api.models(gw.models().names(), created));
                    };
                    case MODEL -> (req, res) -> {
                        auth.authenticate(req);
                        String name = req.pathParam(r.modelPathParam());
                        if (gw.models().route(name) == null) {
                            gw.models().resolve(name); // a 404 in the API's shape when there is no such model
                        }
                        res.send(api.model(name, created));
                    };
                };
                boolean bodyless = r.kind() == InboundApi.Kind.MODELS || r.kind() == InboundApi.Kind.MODEL;
                routes.add(r.method(), r.path(), bodyless ? 0 : max, errors, handler);
            }
        }
        if (options.metrics() != null) {
            routes.add("GET", "/metrics", 0, ErrorShape.SLUICE, (req, res) -> res.send(200,
                    "text/plain; version=0.0.4; charset=utf-8",
                    options.metrics().get().getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static RouteHandler embeddings(String apiName, EmbeddingsWireCodec codec, ErrorShape errors, Gateway gw,
                                           Authenticator auth) {
        return (req, res) -> {
            var caller = auth.authenticate(req);
            EmbeddingRequest request = codec.decodeRequest(req.body());
            CallContext call = CallContexts.create(req, apiName, "embeddings", caller).bind(req.loop(), null);
            res.onClose(() -> call.cancel("caller went away"));
            gw.embed(call, request).whenComplete((response, failure) -> {
                call.responseHeaders().forEach(res::header);
                if (failure == null) {
                    res.send(codec.encodeResponse(response, request.model(), request.encodingFormat()));
                    return;
                }
                Throwable cause = Gateway.unwrap(failure);
                if (!(cause instanceof ClientGoneException)) {
                    res.send(errors.encode(cause instanceof GatewayException g ? g.error()
                            : GatewayError.of(ErrorType.INTERNAL, "internal error")));
                }
            });
        };
    }
}
