package dev.sluice.anthropic;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.api.json.JsonPeek;
import dev.sluice.api.wire.ChatWireCodec;
import dev.sluice.api.wire.RequestPeek;
import dev.sluice.api.wire.WirePrompt;
import dev.sluice.api.wire.WireReply;
import dev.sluice.api.wire.WireText;
import dev.sluice.spi.http.SseStream;
import dev.sluice.spi.http.StreamDecoder;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Anthropic Messages, both ways. Inbound ({@link ChatWireCodec}): decodes callers' {@code POST /v1/messages} bodies
 * and encodes answers, streams and errors. Upstream: {@link #encodeRequest}, {@link #decodeResponse},
 * {@link #streamDecoder} and {@link #decodeError} for {@link AnthropicProvider}. The sides mirror each other:
 * {@code decodeRequest(encodeRequest(r))} gives back {@code r} for requests that Anthropic can express.
 *
 * <p>Thread-safe and stateless apart from the clock that stamps decoded answers (Anthropic sends no timestamp).
 */
public final class AnthropicCodec implements ChatWireCodec {

    private static final JsonPeek PEEK = new JsonPeek("model", "stream", "max_tokens", null, "metadata", "user_id");

    private final Clock clock;

    public AnthropicCodec() {
        this(Clock.systemUTC());
    }

    public AnthropicCodec(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String api() {
        return "anthropic";
    }

    /** {@inheritDoc} {@code modelFromPath} is ignored: Anthropic names the model in the body. */
    @Override
    public ChatRequest decodeRequest(byte[] body, String modelFromPath) {
        return AnthropicRequestDecoder.decode(body);
    }

    /**
     * {@inheritDoc} Read with the streaming parser: {@code model}, {@code stream} and {@code max_tokens}. A body whose
     * model is missing or of the wrong type is decoded whole, to name the problem as the decoder does.
     */
    @Override
    public RequestPeek peek(byte[] body, String modelFromPath) {
        RequestPeek peek = PEEK.request(body);
        return peek != null ? peek : ChatWireCodec.super.peek(body, modelFromPath);
    }

    /** {@inheritDoc} See {@link AnthropicPromptTexts}. */
    @Override
    public WirePrompt promptTexts(byte[] body) {
        return AnthropicPromptTexts.read(body);
    }

    /** {@inheritDoc} See {@link AnthropicAnswerTexts}. */
    @Override
    public List<WireText> answerTexts(byte[] body) {
        return AnthropicAnswerTexts.read(body);
    }

    @Override
    public WireReply encodeResponse(ChatResponse response, String publicModel) {
        return new WireReply(200, "application/json", null,
                Json.bytes(AnthropicResponseCodec.encode(response, publicModel)));
    }

    @Override
    public AnthropicStreamEncoder streamEncoder(ChatRequest request, String publicModel) {
        return new AnthropicStreamEncoder(publicModel, "msg_" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** Anthropic's error JSON with the error's status, and {@code retry-after} when the error carries a wait. */
    @Override
    public WireReply encodeError(GatewayError error) {
        return AnthropicErrors.encode(error);
    }

    /**
     * The upstream request body; {@code request.model()} must already be the upstream model id.
     *
     * @throws GatewayException {@code UNSUPPORTED_FEATURE} for a JSON-schema response format, {@code INVALID_REQUEST}
     *     for tool-call arguments that are not a JSON object
     */
    public byte[] encodeRequest(ChatRequest request) {
        return Json.bytes(AnthropicRequestEncoder.encode(request));
    }

    /** Reads an upstream message; throws {@link GatewayException} {@code UPSTREAM_ERROR} if it is not one. */
    public ChatResponse decodeResponse(byte[] body, String providerId) {
        return AnthropicResponseCodec.decode(body, providerId, clock.instant().getEpochSecond());
    }

    /** A fresh decoder for the body of one upstream stream, fed its bytes as they arrive; emits into {@code sink}. */
    public StreamDecoder streamDecoder(ChatEventSink sink, String providerId) {
        AnthropicStreamDecoder events = new AnthropicStreamDecoder(sink, providerId);
        return new SseStream(events::accept, events::finish, providerId);
    }

    /**
     * Maps an upstream's non-2xx answer: keeps the status, reads {@code retry-after}, tells overload (529) and prompts
     * that are too long apart. Never copies credentials into the message.
     *
     * @param headers the response headers, or null when unknown
     */
    public GatewayError decodeError(int status, HttpHeaders headers, byte[] body, String providerId) {
        return AnthropicErrors.decode(status, headers, body, providerId);
    }
}
