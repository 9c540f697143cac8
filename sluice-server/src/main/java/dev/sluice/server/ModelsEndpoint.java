package dev.sluice.server;

import dev.sluice.api.error.GatewayException;
import dev.sluice.gateway.engine.Gateway;
import dev.sluice.openai.OpenAiChatCodec;
import dev.sluice.openai.OpenAiModelsCodec;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /v1/models}: the public model names, in the OpenAI list shape. */
final class ModelsEndpoint implements Handler {

    private final Gateway gateway;
    private final Authenticator auth;
    private final OpenAiChatCodec errors = new OpenAiChatCodec();
    private final long created = System.currentTimeMillis() / 1000;

    ModelsEndpoint(Gateway gateway, Authenticator auth) {
        this.gateway = gateway;
        this.auth = auth;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        try {
            auth.authenticate(req);
            Replies.send(res, OpenAiModelsCodec.encodeList(gateway.models().names(), created));
        } catch (GatewayException e) {
            Replies.send(res, errors.encodeError(e.error()));
        }
    }
}
