package dev.sluice.server;

import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ChatResponseAssembler;
import dev.sluice.api.wire.WireReply;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.event.Caller;
import dev.sluice.api.wire.ChatWireCodec;
import dev.sluice.gateway.engine.CallContext;
import dev.sluice.gateway.engine.Gateway;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat API route: authenticate, read, decode, call the gateway, encode. The same class serves OpenAI, Anthropic
 * and Bedrock; only the codec (and, for Bedrock, the model in the path and the stream flag of the route) differ.
 */
final class ChatEndpoint implements Handler {

    private static final Logger LOG = LoggerFactory.getLogger(ChatEndpoint.class);

    /** How a route decides streaming: from the body ({@code stream: true}) or fixed by the path. */
    enum StreamMode { FROM_BODY, ALWAYS, NEVER }

    static final String COST_HEADER = "x-sluice-cost-usd";

    private final ChatWireCodec codec;
    private final Gateway gateway;
    private final Authenticator auth;
    private final long maxBody;
    private final String modelPathParam;
    private final StreamMode streamMode;
    private final CallObserver observer;

    ChatEndpoint(ChatWireCodec codec, Gateway gateway, Authenticator auth, long maxBody, String modelPathParam,
                 StreamMode streamMode, CallObserver observer) {
        this.observer = observer;
        this.codec = codec;
        this.gateway = gateway;
        this.auth = auth;
        this.maxBody = maxBody;
        this.modelPathParam = modelPathParam;
        this.streamMode = streamMode;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        RequestIdFilter.Id id = RequestIdFilter.of(req);
        StreamResponder streamer = null;
        try {
            Caller caller = auth.authenticate(req);
            byte[] body = RequestBodies.read(req, maxBody);
            String pathModel = modelPathParam == null ? null
                    : URLDecoder.decode(req.path().pathParameters().get(modelPathParam), StandardCharsets.UTF_8);
            ChatRequest request = codec.decodeRequest(body, pathModel);
            if (streamMode != StreamMode.FROM_BODY) {
                boolean s = streamMode == StreamMode.ALWAYS;
                request = request.toBuilder().stream(s).includeUsage(s || request.includeUsage()).build();
            }
            CallContext call = CallContexts.create(req, id, codec.api(), "chat", caller);
            if (request.stream()) {
                ChatResponseAssembler assembled = observer.capturing() ? new ChatResponseAssembler() : null;
                streamer = new StreamResponder(res, codec.streamEncoder(request, request.model()), assembled);
                gateway.stream(call, request, streamer);
                streamer.complete();
                if (assembled != null) {
                    observer.capture(call, body, codec.encodeResponse(assembled.response(0), request.model()).body());
                }
            } else {
                ChatResponse response = gateway.chat(call, request);
                WireReply reply = codec.encodeResponse(response, request.model(),
                        (System.nanoTime() - id.startNanos()) / 1_000_000);
                String cost = observer.costUsd(call);
                if (cost != null) {
                    res.header(COST_HEADER, cost);
                }
                Replies.send(res, reply);
                if (observer.capturing()) {
                    observer.capture(call, body, reply.body());
                }
            }
        } catch (GatewayException e) {
            fail(res, streamer, e.error());
        } catch (RuntimeException e) {
            if (streamer != null && streamer.started() || res.isSent()) {
                LOG.debug("request {} ended early: {}", id.value(), e.toString());
                return;
            }
            LOG.error("request {} failed", id.value(), e);
            fail(res, null, GatewayError.of(dev.sluice.api.error.ErrorType.INTERNAL, "internal error"));
        }
    }

    private void fail(ServerResponse res, StreamResponder streamer, GatewayError error) {
        if (streamer != null && streamer.started()) {
            streamer.fail(error);
        } else if (!res.isSent()) {
            Replies.send(res, codec.encodeError(error));
        }
    }
}
