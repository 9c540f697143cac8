package dev.sluice.gateway.engine;

import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.wire.ChatWireCodec;
import dev.sluice.api.wire.RequestPeek;
import dev.sluice.api.wire.WirePrompt;
import dev.sluice.api.wire.WireText;
import java.util.List;

/**
 * A chat request as the chain sees it: the caller's body in its own wire format, read only as far as needed. The
 * model and the streaming flag come from a cheap {@link #peek}; the whole request is decoded the first time someone
 * asks for it ({@link #request}). A request that nobody decoded may take the provider's fast path (its bytes go
 * upstream with the model renamed), so an interceptor that needs the content, or the canonical answer, calls
 * {@link #request} on the way in; one that only reads texts (a guardrail) reads them from the bytes
 * ({@link #promptTexts}) and may rewrite them there ({@link #withBody}), which keeps the fast path. Confined to the
 * call's thread.
 */
public final class ChatInput {

    private final byte[] body;
    private final ChatWireCodec codec;
    private final String pathModel;
    private final Boolean streamOverride;
    private RequestPeek peek;
    private ChatRequest request;

    private ChatInput(byte[] body, ChatWireCodec codec, String pathModel, Boolean streamOverride,
                      ChatRequest request) {
        this.body = body;
        this.codec = codec;
        this.pathModel = pathModel;
        this.streamOverride = streamOverride;
        this.request = request;
    }

    /** A request already in canonical form (tests, in-process callers). */
    public static ChatInput of(ChatRequest request) {
        return new ChatInput(null, null, null, null, request);
    }

    /**
     * A caller's body, to be read lazily with {@code codec}.
     *
     * @param pathModel the model named in the URL path (Bedrock), else null
     * @param stream whether the route decides streaming (Bedrock's converse and converse-stream), else null
     */
    public static ChatInput raw(byte[] body, ChatWireCodec codec, String pathModel, Boolean stream) {
        return new ChatInput(body, codec, pathModel, stream, null);
    }

    /** The cheap read of the request (the model, streaming, the output limit). */
    public RequestPeek peek() {
        if (peek == null) {
            if (request != null) {
                peek = new RequestPeek(request.model(), request.stream(), -1, -1, request.maxTokens(),
                        request.user());
            } else {
                RequestPeek p = codec.peek(body, pathModel);
                peek = streamOverride == null ? p
                        : new RequestPeek(p.model(), streamOverride, p.modelStart(), p.modelEnd(), p.maxTokens(),
                                p.user());
            }
        }
        return peek;
    }

    public String model() { return peek().model(); }

    public boolean stream() { return peek().stream(); }

    /** The whole request, decoded on first use; a {@link dev.sluice.api.error.GatewayException} names a bad field. */
    public ChatRequest request() {
        if (request == null) {
            ChatRequest r = codec.decodeRequest(body, pathModel);
            if (streamOverride != null) {
                r = r.toBuilder().stream(streamOverride).includeUsage(streamOverride || r.includeUsage()).build();
            }
            request = r;
        }
        return request;
    }

    /**
     * The guardrail the caller's body asks for (Bedrock's {@code guardrailConfig}), or null: none, or a request given
     * in canonical form. Does not decode the request.
     */
    public dev.sluice.api.wire.GuardrailRequest guardrailRequest() {
        return codec == null ? null : codec.guardrailRequest(body);
    }

    /**
     * The texts a guardrail checks, read from the caller's body without decoding it ({@link
     * ChatWireCodec#promptTexts}), or null: the request is decoded already or given in canonical form, or its format
     * or shape has no such reading (then decode it). Does not decode the request.
     */
    public WirePrompt promptTexts() {
        return codec == null || request != null ? null : codec.promptTexts(body);
    }

    /**
     * The texts a guardrail checks in a whole answer passed through in the caller's format, or null when they cannot
     * be read that way (then read the answer in canonical form). Does not decode the request.
     */
    public List<WireText> answerTexts(byte[] answer) {
        return codec == null ? null : codec.answerTexts(answer);
    }

    /** True once the request was decoded (or given decoded): the fast path is then off. */
    public boolean decoded() { return request != null; }

    /** The caller's body as received, or null for a request given in canonical form. */
    public byte[] body() { return body; }

    /** The caller's API ({@code openai}, {@code anthropic}, {@code bedrock}), or null for a canonical request. */
    public String api() { return codec == null ? null : codec.api(); }

    /**
     * The same call with a body an interceptor rewrote in the caller's own format (a masked prompt spliced in place),
     * still undecoded, so that it may still take the fast path; the body is peeked anew.
     *
     * @throws IllegalStateException for a request given in canonical form, which has no body
     */
    public ChatInput withBody(byte[] rewritten) {
        if (codec == null) {
            throw new IllegalStateException("a canonical request has no body to rewrite");
        }
        return new ChatInput(rewritten, codec, pathModel, streamOverride, null);
    }

    /**
     * Like {@link #withBody(byte[])} for texts spliced in place: what this body's peek found is the same, at the
     * places the splice moved it to, so the new body is not peeked again.
     */
    public ChatInput withBody(WirePrompt.Spliced spliced) {
        ChatInput next = withBody(spliced.body());
        if (peek != null) {
            next.peek = peek.modelStart() < 0 ? peek : new RequestPeek(peek.model(), peek.stream(),
                    spliced.moved(peek.modelStart()), spliced.moved(peek.modelEnd()), peek.maxTokens(), peek.user());
        }
        return next;
    }

    /** The same call with a request an interceptor rewrote. */
    public ChatInput with(ChatRequest rewritten) {
        return of(rewritten);
    }
}
