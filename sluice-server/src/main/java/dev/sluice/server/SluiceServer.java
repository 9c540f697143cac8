package dev.sluice.server;

import dev.sluice.anthropic.AnthropicCodec;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.bedrock.BedrockCodec;
import dev.sluice.openai.OpenAiChatCodec;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.nio.charset.StandardCharsets;

/**
 * The public HTTP server: OpenAI, Anthropic and Bedrock routes, health, metrics, and whatever the app adds. HTTP/1.1
 * and HTTP/2 (h2c by upgrade or prior knowledge) on one port, one virtual thread per request.
 */
public final class SluiceServer implements AutoCloseable {

    /** Accept queue for connection bursts (thousands of clients opening streams at once); the kernel may cap it. */
    private static final int BACKLOG = 8192;

    private final WebServer server;
    private boolean stopped;

    private SluiceServer(WebServer server) {
        this.server = server;
    }

    public static SluiceServer start(ServerOptions options) {
        OpenAiChatCodec openai = new OpenAiChatCodec();
        HttpRouting.Builder routing = HttpRouting.builder().addFilter(new RequestIdFilter());
        long max = options.maxBodyBytes();
        var gw = options.gateway();
        var auth = options.auth();
        CallObserver obs = options.observer() == null ? CallObserver.NONE : options.observer();
        routing.post("/v1/chat/completions",
                new ChatEndpoint(openai, gw, auth, max, null, ChatEndpoint.StreamMode.FROM_BODY, obs));
        routing.post("/v1/messages",
                new ChatEndpoint(new AnthropicCodec(), gw, auth, max, null, ChatEndpoint.StreamMode.FROM_BODY, obs));
        BedrockCodec bedrock = new BedrockCodec();
        routing.post("/model/{modelId}/converse",
                new ChatEndpoint(bedrock, gw, auth, max, "modelId", ChatEndpoint.StreamMode.NEVER, obs));
        routing.post("/model/{modelId}/converse-stream",
                new ChatEndpoint(bedrock, gw, auth, max, "modelId", ChatEndpoint.StreamMode.ALWAYS, obs));
        routing.post("/v1/embeddings", new EmbeddingsEndpoint(gw, auth, max));
        routing.get("/v1/models", new ModelsEndpoint(gw, auth));
        routing.get("/health", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send("{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
        });
        if (options.metrics() != null) {
            routing.get("/metrics", (req, res) -> {
                res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                res.send(options.metrics().get().getBytes(StandardCharsets.UTF_8));
            });
        }
        if (options.extraRoutes() != null) {
            options.extraRoutes().accept(routing);
        }
        routing.any((req, res) -> Replies.send(res, openai.encodeError(new GatewayError(ErrorType.NOT_FOUND, 404,
                "No route for " + req.prologue().method().text() + " " + req.path().path(), null, null, null))));
        WebServer server = WebServer.builder()
                .host(options.host())
                .port(options.port())
                .backlog(BACKLOG)
                .maxPayloadSize(options.maxBodyBytes() * 2)
                .routing(routing)
                .build()
                .start();
        return new SluiceServer(server);
    }

    public int port() { return server.port(); }

    @Override
    public synchronized void close() { // called by whichever shutdown hook comes first; the other waits for it
        if (!stopped) {
            stopped = true;
            server.stop();
        }
    }
}
