package dev.sluice.server;

import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.GatewayException;
import dev.sluice.gateway.engine.CallContext;
import dev.sluice.gateway.engine.Gateway;
import dev.sluice.openai.OpenAiChatCodec;
import dev.sluice.openai.OpenAiEmbeddingsCodec;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code POST /v1/embeddings} in the OpenAI shape, to any provider that serves embeddings. */
final class EmbeddingsEndpoint implements Handler {

    private final Gateway gateway;
    private final Authenticator auth;
    private final long maxBody;
    private final OpenAiChatCodec errors = new OpenAiChatCodec();
    private final OpenAiEmbeddingsCodec codec = new OpenAiEmbeddingsCodec();

    EmbeddingsEndpoint(Gateway gateway, Authenticator auth, long maxBody) {
        this.gateway = gateway;
        this.auth = auth;
        this.maxBody = maxBody;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        RequestIdFilter.Id id = RequestIdFilter.of(req);
        try {
            var caller = auth.authenticate(req);
            EmbeddingRequest request = codec.decodeRequest(RequestBodies.read(req, maxBody));
            CallContext call = CallContexts.create(req, id, "openai", "embeddings", caller);
            EmbeddingResponse response = gateway.embed(call, request);
            Replies.send(res, codec.encodeResponse(response, request.model(), request.encodingFormat()));
        } catch (GatewayException e) {
            Replies.send(res, errors.encodeError(e.error()));
        }
    }
}
