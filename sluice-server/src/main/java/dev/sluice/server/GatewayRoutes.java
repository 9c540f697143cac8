package dev.sluice.server;

import dev.sluice.anthropic.AnthropicCodec;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.bedrock.BedrockCodec;
import dev.sluice.gateway.engine.CallContext;
import dev.sluice.gateway.engine.ClientGoneException;
import dev.sluice.gateway.engine.Gateway;
import dev.sluice.openai.OpenAiChatCodec;
import dev.sluice.openai.OpenAiEmbeddingsCodec;
import dev.sluice.openai.OpenAiModelsCodec;
import java.nio.charset.StandardCharsets;

/**
 * The public routes: chat in three API shapes, embeddings, models, health and metrics. Inbound codecs are registered
 * here, one line each, like providers are in their registry.
 */
final class GatewayRoutes {

    private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    private GatewayRoutes() { }

    static void register(Routes routes, ServerOptions options) {
        Gateway gw = options.gateway();
        Authenticator auth = options.auth();
        CallObserver obs = options.observer() == null ? CallObserver.NONE : options.observer();
        long max = options.maxBodyBytes();
        routes.add("POST", "/v1/chat/completions", max, ErrorShape.OPENAI,
                new ChatRoute(new OpenAiChatCodec(), gw, auth, null, ChatRoute.StreamMode.FROM_BODY, obs));
        routes.add("POST", "/v1/messages", max, ErrorShape.ANTHROPIC,
                new ChatRoute(new AnthropicCodec(), gw, auth, null, ChatRoute.StreamMode.FROM_BODY, obs));
        BedrockCodec bedrock = new BedrockCodec();
        routes.add("POST", "/model/{modelId}/converse", max, ErrorShape.BEDROCK,
                new ChatRoute(bedrock, gw, auth, "modelId", ChatRoute.StreamMode.NEVER, obs));
        routes.add("POST", "/model/{modelId}/converse-stream", max, ErrorShape.BEDROCK,
                new ChatRoute(bedrock, gw, auth, "modelId", ChatRoute.StreamMode.ALWAYS, obs));
        routes.add("POST", "/v1/embeddings", max, ErrorShape.OPENAI, embeddings(gw, auth));
        long created = System.currentTimeMillis() / 1000;
        routes.add("GET", "/v1/models", 0, ErrorShape.OPENAI, (req, res) -> {
            auth.authenticate(req);
            res.send(OpenAiModelsCodec.encodeList(gw.models().names(), created));
        });
        routes.add("GET", "/health", 0, ErrorShape.OPENAI,
                (req, res) -> res.send(200, "application/json", HEALTHY));
        if (options.metrics() != null) {
            routes.add("GET", "/metrics", 0, ErrorShape.OPENAI, (req, res) -> res.send(200,
                    "text/plain; version=0.0.4; charset=utf-8",
                    options.metrics().get().getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static RouteHandler embeddings(Gateway gw, Authenticator auth) {
        OpenAiEmbeddingsCodec codec = new OpenAiEmbeddingsCodec();
        return (req, res) -> {
            var caller = auth.authenticate(req);
            EmbeddingRequest request = codec.decodeRequest(req.body());
            CallContext call = CallContexts.create(req, "openai", "embeddings", caller).bind(req.loop(), null);
            res.onClose(() -> call.cancel("caller went away"));
            gw.embed(call, request).whenComplete((response, failure) -> {
                if (failure == null) {
                    res.send(codec.encodeResponse(response, request.model(), request.encodingFormat()));
                    return;
                }
                Throwable cause = Gateway.unwrap(failure);
                if (!(cause instanceof ClientGoneException)) {
                    res.send(ErrorShape.OPENAI.encode(cause instanceof GatewayException g ? g.error()
                            : GatewayError.of(ErrorType.INTERNAL, "internal error")));
                }
            });
        };
    }
}
