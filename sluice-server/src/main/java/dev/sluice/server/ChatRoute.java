package dev.sluice.server;

import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponseAssembler;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.event.Caller;
import dev.sluice.api.wire.ChatWireCodec;
import dev.sluice.api.wire.WireReply;
import dev.sluice.gateway.engine.CallContext;
import dev.sluice.gateway.engine.ChatInput;
import dev.sluice.gateway.engine.ClientGoneException;
import dev.sluice.gateway.engine.Gateway;

/**
 * One chat API route: authenticate, decode, call the gateway, encode. The same class serves OpenAI, Anthropic and
 * Bedrock; only the codec (and, for Bedrock, the model in the path and the stream flag of the route) differ. Runs on
 * the event loop that read the request, and so does the whole call.
 */
final class ChatRoute implements RouteHandler {

    static final String COST_HEADER = "x-sluice-cost-usd";

    private final ChatWireCodec codec;
    private final Gateway gateway;
    private final Authenticator auth;
    private final String modelPathParam;
    private final Boolean stream;
    private final CallObserver observer;

    /**
     * @param modelPathParam the path segment naming the model (Bedrock), or null when the body does
     * @param stream whether the route decides streaming, or null when the body does
     */
    ChatRoute(ChatWireCodec codec, Gateway gateway, Authenticator auth, String modelPathParam, Boolean stream,
              CallObserver observer) {
        this.codec = codec;
        this.gateway = gateway;
        this.auth = auth;
        this.modelPathParam = modelPathParam;
        this.stream = stream;
        this.observer = observer;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Caller caller = auth.authenticate(req);
        byte[] body = req.body();
        ChatInput input = ChatInput.raw(body, codec, modelPathParam == null ? null : req.pathParam(modelPathParam),
                stream);
        CallContext call = CallContexts.create(req, codec.api(), "chat", caller);
        if (input.stream()) {
            stream(req, res, call, input, body);
        } else {
            whole(req, res, call, input, body);
        }
    }

    private void whole(ServerRequest req, ServerResponse res, CallContext call, ChatInput input, byte[] body) {
        call.bind(req.loop(), null);
        res.onClose(() -> call.cancel("caller went away"));
        String model = input.model();
        gateway.chat(call, input).whenComplete((result, failure) -> {
            call.responseHeaders().forEach(res::header);
            if (failure != null) {
                failWhole(res, failure);
                return;
            }
            WireReply reply = result.passed() != null
                    ? new WireReply(200, result.passed().contentType(), result.passed().headers(),
                            result.passed().body())
                    : codec.encodeResponse(result.response(), model,
                            (System.nanoTime() - req.id().startNanos()) / 1_000_000);
            if (call.answerTrace() != null && result.passed() == null) {
                reply = codec.withTrace(reply, call.answerTrace());
            }
            String cost = observer.costUsd(call);
            if (cost != null) {
                res.header(COST_HEADER, cost);
            }
            res.send(reply);
            if (observer.capturing()) {
                observer.capture(call, body, reply.body());
            }
        });
    }

    /**
     * A streamed answer. The request is decoded only when something needs it whole: content capture, or a canonical
     * stream's encoder; a stream passed through from an upstream of the caller's format never is.
     */
    private void stream(ServerRequest req, ServerResponse res, CallContext call, ChatInput input, byte[] body) {
        ChatResponseAssembler assembled = null;
        if (observer.capturing()) {
            input.request(); // capture needs canonical events, so no fast path
            assembled = new ChatResponseAssembler();
        }
        String model = input.model();
        StreamResponder streamer = new StreamResponder(res, codec.streamContentType(),
                () -> {
                    var encoder = codec.streamEncoder(requestForEncoder(input), model);
                    encoder.traceFrom(call::answerTrace);
                    return encoder;
                }, assembled, call::responseHeaders);
        call.bind(req.loop(), streamer);
        res.onClose(() -> call.cancel("caller went away"));
        ChatResponseAssembler captured = assembled;
        gateway.stream(call, input, streamer).whenComplete((nothing, failure) -> {
            if (failure == null) {
                streamer.complete();
                if (captured != null) {
                    observer.capture(call, body, codec.encodeResponse(captured.response(0), model).body());
                }
                return;
            }
            Throwable cause = Gateway.unwrap(failure);
            if (cause instanceof ClientGoneException) {
                return;
            }
            GatewayError error = cause instanceof GatewayException g ? g.error()
                    : GatewayError.of(ErrorType.INTERNAL, "internal error");
            if (streamer.started()) {
                streamer.fail(error);
            } else {
                call.responseHeaders().forEach(res::header);
                res.send(codec.encodeError(error));
            }
        });
    }

    /**
     * The request an encoder is made for. A passed-through stream needs one only to tell an in-stream error; if its
     * body does not decode (the upstream took what the gateway's decoder refuses), the error is told all the same.
     */
    private static ChatRequest requestForEncoder(ChatInput input) {
        try {
            return input.request();
        } catch (GatewayException e) {
            return ChatRequest.builder().model(input.model()).stream(true).build();
        }
    }

    private void failWhole(ServerResponse res, Throwable failure) {
        Throwable cause = Gateway.unwrap(failure);
        if (cause instanceof ClientGoneException) {
            return;
        }
        GatewayError error = cause instanceof GatewayException g ? g.error()
                : GatewayError.of(ErrorType.INTERNAL, "internal error");
        res.send(codec.encodeError(error));
    }
}
