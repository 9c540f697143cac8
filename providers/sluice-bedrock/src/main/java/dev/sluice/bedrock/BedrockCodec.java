package dev.sluice.bedrock;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.json.JsonMembers;
import dev.sluice.api.wire.ChatWireCodec;
import dev.sluice.api.wire.RequestPeek;
import dev.sluice.api.wire.StreamEncoder;
import dev.sluice.api.wire.WirePrompt;
import dev.sluice.api.wire.WireReply;
import dev.sluice.api.wire.WireText;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The Bedrock Converse / ConverseStream wire format, both sides: inbound (a caller using a Bedrock SDK against
 * Sluice) and upstream (Sluice calling Bedrock). Thread-safe and stateless but for the clock.
 *
 * <p>Inbound errors are AWS JSON errors: {@code x-amzn-ErrorType} header, {@code {"message": ...}} body; an invalid
 * request is a {@code ValidationException}. Streams are binary AWS event streams (see {@link BedrockStreamEncoder}).
 */
public final class BedrockCodec implements ChatWireCodec {

    /** Content type of ConverseStream answers. */
    public static final String STREAM_CONTENT_TYPE = EventFrames.CONTENT_TYPE;

    private final Clock clock;

    public BedrockCodec() {
        this(Clock.systemUTC());
    }

    public BedrockCodec(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String api() {
        return "bedrock";
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code modelFromPath} is the URL-decoded {@code modelId} path segment and is required. The request comes
     * back with {@code stream=false}: the route (converse or converse-stream) decides streaming.
     */
    @Override
    public ChatRequest decodeRequest(byte[] body, String modelFromPath) {
        return BedrockRequestDecoder.decode(body, modelFromPath);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The model is the path's, so the peek has no position in the body; streaming is the route's. The body is read
     * with the streaming parser, for {@code inferenceConfig.maxTokens} only. A blank model or a body that is not one
     * well-formed JSON object is decoded whole, to name the problem as the decoder does.
     */
    @Override
    public RequestPeek peek(byte[] body, String modelFromPath) {
        Integer[] maxTokens = {null};
        JsonMembers.Visitor inference = (field, v) -> {
            if (field.equals("maxTokens")) {
                maxTokens[0] = JsonMembers.intValue(v);
            }
        };
        boolean read = JsonMembers.tryWalk(body, (name, p) -> {
            if (name.equals("inferenceConfig")) {
                JsonMembers.each(p, inference);
            }
        });
        boolean named = modelFromPath != null && !modelFromPath.isBlank();
        return read && named ? new RequestPeek(modelFromPath, false, -1, -1, maxTokens[0])
                : ChatWireCodec.super.peek(body, modelFromPath); // the decoder says what is wrong
    }

    /** {@inheritDoc} Converse's {@code guardrailConfig} and the request's {@code guardContent} texts. */
    @Override
    public dev.sluice.api.wire.GuardrailRequest guardrailRequest(byte[] body) {
        return BedrockGuardrailConfig.read(body);
    }

    /** {@inheritDoc} See {@link BedrockPromptTexts}. */
    @Override
    public WirePrompt promptTexts(byte[] body) {
        return BedrockPromptTexts.read(body);
    }

    /** {@inheritDoc} See {@link BedrockAnswerTexts}. */
    @Override
    public List<WireText> answerTexts(byte[] body) {
        return BedrockAnswerTexts.read(body);
    }

    /** {@inheritDoc} Converse's top-level {@code trace} member. */
    @Override
    public WireReply withTrace(WireReply reply, com.fasterxml.jackson.databind.JsonNode trace) {
        try {
            var body = (com.fasterxml.jackson.databind.node.ObjectNode) dev.sluice.api.json.Json.parse(reply.body());
            body.set("trace", trace);
            return new WireReply(reply.status(), reply.contentType(), reply.headers(),
                    dev.sluice.api.json.Json.bytes(body));
        } catch (java.io.IOException | ClassCastException e) {
            return reply; // an answer this codec made is a JSON object: cannot happen
        }
    }

    /** Same as {@link #encodeResponse(ChatResponse, String, long)} with a latency of 0 ms. */
    @Override
    public WireReply encodeResponse(ChatResponse response, String publicModel) {
        return encodeResponse(response, publicModel, 0);
    }

    /**
     * A Converse answer. Bedrock's body names neither the model nor an id: the response id is sent as the
     * {@code x-amzn-RequestId} header.
     *
     * @param latencyMs the call's latency, reported in {@code metrics.latencyMs}
     */
    @Override
    public WireReply encodeResponse(ChatResponse response, String publicModel, long latencyMs) {
        return new WireReply(200, "application/json", Map.of("x-amzn-RequestId", response.id()),
                BedrockResponseCodec.encode(response, latencyMs));
    }

    @Override
    public StreamEncoder streamEncoder(ChatRequest request, String publicModel) {
        return new BedrockStreamEncoder();
    }

    @Override
    public String streamContentType() {
        return EventFrames.CONTENT_TYPE;
    }

    @Override
    public WireReply encodeError(GatewayError error) {
        return BedrockErrors.encode(error);
    }

    /** The Converse body for an upstream call (the model goes in the URL path). */
    public byte[] encodeRequest(ChatRequest request) {
        return BedrockRequestEncoder.encode(request);
    }

    /**
     * An upstream Converse answer.
     *
     * @param requestId the answer's {@code x-amzn-RequestId}, used as the response id
     * @param model the model that was called (Bedrock's body does not name it)
     */
    public ChatResponse decodeResponse(byte[] body, String requestId, String model, String providerId) {
        return BedrockResponseCodec.decode(body, requestId, model, clock.instant().getEpochSecond(), providerId);
    }

    /** A decoder for one upstream ConverseStream answer, feeding {@code sink}. */
    public BedrockStreamDecoder streamDecoder(ChatEventSink sink, String providerId, String requestId, String model) {
        return new BedrockStreamDecoder(sink, providerId, requestId, model);
    }

    /** An upstream error answer, from its {@code x-amzn-ErrorType} header or {@code __type} field and its status. */
    public GatewayError decodeError(int status, HttpHeaders headers, byte[] body, String providerId) {
        return BedrockErrors.decode(status, headers, body, providerId);
    }
}
