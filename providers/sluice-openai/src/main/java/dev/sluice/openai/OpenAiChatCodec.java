package dev.sluice.openai;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.api.json.JsonPeek;
import dev.sluice.api.wire.RequestPeek;
import dev.sluice.api.wire.ChatWireCodec;
import dev.sluice.api.wire.StreamEncoder;
import dev.sluice.api.wire.WirePrompt;
import dev.sluice.api.wire.WireReply;
import dev.sluice.api.wire.WireText;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * OpenAI Chat Completions, both ways. Inbound ({@link ChatWireCodec}): decodes callers' requests, encodes answers,
 * streams and errors for {@code /v1/chat/completions}. Upstream: {@link #encodeRequest}, {@link #decodeResponse},
 * {@link #streamDecoder} and {@link #decodeError} for {@link OpenAiProvider}. The two sides mirror each other:
 * {@code decodeRequest(encodeRequest(r, OPENAI))} gives back {@code r}, and likewise for responses.
 *
 * <p>Thread-safe and stateless apart from the clock that stamps {@code created}.
 */
public final class OpenAiChatCodec implements ChatWireCodec {

    private static final JsonPeek PEEK = new JsonPeek("model", "stream", "max_completion_tokens", "max_tokens",
            "user", null);

    private final Clock clock;

    public OpenAiChatCodec() {
        this(Clock.systemUTC());
    }

    public OpenAiChatCodec(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String api() {
        return "openai";
    }

    /** {@inheritDoc} {@code modelFromPath} is ignored: OpenAI names the model in the body. */
    @Override
    public ChatRequest decodeRequest(byte[] body, String modelFromPath) {
        return OpenAiRequestDecoder.decode(body);
    }

    /**
     * {@inheritDoc} Read with the streaming parser: {@code model}, {@code stream} and {@code max_completion_tokens}
     * (or {@code max_tokens}). A body whose model is missing or of the wrong type is decoded whole, to name the
     * problem as the decoder does.
     */
    @Override
    public RequestPeek peek(byte[] body, String modelFromPath) {
        RequestPeek peek = PEEK.request(body);
        return peek != null ? peek : ChatWireCodec.super.peek(body, modelFromPath);
    }

    /** {@inheritDoc} See {@link OpenAiPromptTexts}. */
    @Override
    public WirePrompt promptTexts(byte[] body) {
        return OpenAiPromptTexts.read(body);
    }

    /** {@inheritDoc} See {@link OpenAiAnswerTexts}. */
    @Override
    public List<WireText> answerTexts(byte[] body) {
        return OpenAiAnswerTexts.read(body);
    }

    @Override
    public WireReply encodeResponse(ChatResponse response, String publicModel) {
        return new WireReply(200, "application/json", null,
                Json.bytes(OpenAiResponseCodec.encode(response, publicModel)));
    }

    @Override
    public OpenAiStreamEncoder streamEncoder(ChatRequest request, String publicModel) {
        return new OpenAiStreamEncoder(request, publicModel, clock.instant().getEpochSecond(),
                "chatcmpl-" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** OpenAI's error JSON with the error's status, and {@code retry-after} when the error carries a wait. */
    @Override
    public WireReply encodeError(GatewayError error) {
        return OpenAiErrors.encode(error);
    }

    /**
     * The upstream request body. {@code request.model()} must already be the upstream model id. Streamed requests
     * always ask for usage ({@code stream_options.include_usage}) when the profile supports it.
     */
    public byte[] encodeRequest(ChatRequest request, CompatProfile profile) {
        return Json.bytes(OpenAiRequestEncoder.encode(request, profile));
    }

    /** Reads an upstream {@code chat.completion}; throws {@link GatewayException} {@code UPSTREAM_ERROR} if it is not. */
    public ChatResponse decodeResponse(byte[] body) {
        return OpenAiResponseCodec.decode(body, null);
    }

    /** Like {@link #decodeResponse(byte[])}, naming {@code providerId} in errors. */
    public ChatResponse decodeResponse(byte[] body, String providerId) {
        return OpenAiResponseCodec.decode(body, providerId);
    }

    /** A fresh decoder for one upstream stream, emitting into {@code sink}. */
    public OpenAiStreamDecoder streamDecoder(ChatEventSink sink, String providerId) {
        return new OpenAiStreamDecoder(sink, providerId);
    }

    /**
     * Maps an upstream's non-2xx answer: keeps the status, reads {@code retry-after(-ms)}, recognises
     * {@code context_length_exceeded} and content filtering. Never copies credentials into the message.
     */
    public GatewayError decodeError(int status, HttpHeaders headers, byte[] body, String providerId) {
        return OpenAiErrors.decode(status, headers, body, providerId);
    }
}
