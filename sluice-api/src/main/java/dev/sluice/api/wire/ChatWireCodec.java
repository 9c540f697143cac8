package dev.sluice.api.wire;

import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;

/** The inbound side of one chat API (OpenAI chat completions, Anthropic messages, Bedrock Converse). Thread-safe. */
public interface ChatWireCodec {

    /** Short name used in records and metrics: {@code openai}, {@code anthropic}, {@code bedrock}. */
    String api();

    /**
     * Decodes a caller's request body.
     *
     * @param modelFromPath the model named in the URL path (Bedrock), else null
     * @throws GatewayException of type {@code INVALID_REQUEST} naming the bad field, for malformed JSON, missing or
     *     mistyped fields, or values out of range
     */
    ChatRequest decodeRequest(byte[] body, String modelFromPath);

    /**
     * Reads what the gateway needs of a request before decoding it whole (model, streaming, output limit), and
     * where the model is in the body. The default decodes the body; formats on the hot path read it with the
     * streaming parser instead.
     *
     * @throws GatewayException {@code INVALID_REQUEST} for a body that is not one JSON object, or whose model is
     *     missing or not a string
     */
    default RequestPeek peek(byte[] body, String modelFromPath) {
        ChatRequest r = decodeRequest(body, modelFromPath);
        return new RequestPeek(r.model(), r.stream(), -1, -1, r.maxTokens(), r.user());
    }

    /**
     * The guardrail the request body asks for (Bedrock's {@code guardrailConfig}), or null when it asks for none or
     * the API has no such field (the default). Cheap when there is none: called on every call of this API.
     *
     * @throws GatewayException {@code INVALID_REQUEST} naming the field, when the request's guardrail is malformed
     */
    default GuardrailRequest guardrailRequest(byte[] body) {
        return null;
    }

    /**
     * The texts a guardrail checks in a request body (system, user and tool-result texts, as the canonical request
     * would have them), read with the streaming parser so that the body need not be decoded, and can go upstream on the
     * provider's fast path, masked in place if need be. Null when this format has no such reader (the default) or the
     * body has a shape it does not read (the caller then decodes it whole, which names any problem). Never throws for
     * a bad body.
     */
    default WirePrompt promptTexts(byte[] body) {
        return null;
    }

    /**
     * The texts a guardrail checks in a whole answer of this format (its text, and the string values in its tool
     * calls' arguments, as the canonical answer would have them), read with the streaming parser; null when this
     * format has no such reader (the default) or the answer has a shape it does not read. Never throws.
     */
    default java.util.List<WireText> answerTexts(byte[] body) {
        return null;
    }

    /**
     * A whole answer with a trace the caller asked for ({@code trace}, Bedrock's {@code {"guardrail": ...}}) in
     * this API's place for it; the default, for APIs that have none, returns {@code reply} as it is.
     */
    default WireReply withTrace(WireReply reply, com.fasterxml.jackson.databind.JsonNode trace) {
        return reply;
    }

    /** Encodes a whole answer; {@code publicModel} is the name the caller asked for. */
    WireReply encodeResponse(ChatResponse response, String publicModel);

    /**
     * Encodes a whole answer with the call's latency so far, for formats that report it (Bedrock's
     * {@code metrics.latencyMs}); others ignore it.
     */
    default WireReply encodeResponse(ChatResponse response, String publicModel, long latencyMs) {
        return encodeResponse(response, publicModel);
    }

    /** A fresh encoder for one streamed answer. */
    StreamEncoder streamEncoder(ChatRequest request, String publicModel);

    /** The media type of this API's streamed answers, as its {@link StreamEncoder}s give it. */
    default String streamContentType() {
        return "text/event-stream";
    }

    /** The error in this API's own shape and status. */
    WireReply encodeError(GatewayError error);
}
