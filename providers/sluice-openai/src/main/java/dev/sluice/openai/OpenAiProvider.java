package dev.sluice.openai;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.GatewayError;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.HttpProvider;
import dev.sluice.spi.http.PassThrough;
import dev.sluice.spi.http.SseStream;
import dev.sluice.spi.http.StreamDecoder;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An OpenAI or OpenAI-compatible upstream, shaped by its {@link CompatProfile}, as a transform: it builds Chat
 * Completions and embeddings requests and reads their answers, and the engine does the I/O. Thread-safe: holds only
 * settings, the stateless codecs and the headers that every request carries, built once.
 */
public final class OpenAiProvider implements HttpProvider {

    private final OpenAiSettings settings;
    private final OpenAiChatCodec codec = new OpenAiChatCodec();
    private final OpenAiEmbeddingsCodec embeddings = new OpenAiEmbeddingsCodec();
    private final Map<String, String> fixedHeaders;
    private final PassThrough passThrough;

    public OpenAiProvider(OpenAiSettings settings) {
        this.settings = settings;
        this.fixedHeaders = fixedHeaders(settings);
        CompatProfile p = settings.profile();
        this.passThrough = p == CompatProfile.OPENAI || p == CompatProfile.AZURE || p == CompatProfile.VLLM
                ? new OpenAiPassThrough(this, settings.id()) : null;
    }

    public OpenAiSettings settings() {
        return settings;
    }

    @Override
    public UpstreamRequest chatRequest(ChatRequest request, Attempt attempt) {
        return post(settings.profile().chatPath(), request.model(), codec.encodeRequest(request, settings.profile()),
                request.stream(), attempt);
    }

    /** {@inheritDoc} OpenAI callers pass through to the OpenAI, Azure and vLLM profiles, which take their body as is. */
    @Override
    public PassThrough passThrough(String inboundApi) {
        return "openai".equals(inboundApi) ? passThrough : null;
    }

    /** The chat POST for a body already in this upstream's format (the fast path). */
    UpstreamRequest chatPost(String upstreamModel, byte[] body, boolean stream, Attempt attempt) {
        return post(settings.profile().chatPath(), upstreamModel, body, stream, attempt);
    }

    @Override
    public ChatResponse chatResponse(ChatRequest request, UpstreamResponse response) {
        return codec.decodeResponse(response.body(), settings.id());
    }

    /** {@inheritDoc} A server that ignores {@code stream} and answers whole ({@code application/json}) is replayed. */
    @Override
    public StreamDecoder chatStream(ChatRequest request, UpstreamResponse head, ChatEventSink sink) {
        String type = head.header("content-type");
        if (type != null && type.strip().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return new ResponseReplay(sink, settings.id());
        }
        OpenAiStreamDecoder chunks = codec.streamDecoder(sink, settings.id());
        return new SseStream(event -> chunks.accept(event.data()), chunks::finish, settings.id());
    }

    @Override
    public GatewayError error(UpstreamResponse response) {
        return codec.decodeError(response.status(), response.headers(), response.body(), settings.id());
    }

    @Override
    public UpstreamRequest embeddingsRequest(EmbeddingRequest request, Attempt attempt) {
        return post(settings.profile().embeddingsPath(), request.model(), embeddings.encodeRequest(request), false,
                attempt);
    }

    @Override
    public EmbeddingResponse embeddingsResponse(EmbeddingRequest request, UpstreamResponse response) {
        return embeddings.decodeResponse(response.body(), settings.id());
    }

    /**
     * A JSON POST to the profile's path for {@code model}. Headers, in order: content type, accept, the credentials,
     * organization and configured headers (a configured one replaces an earlier one of the same name), then the
     * attempt's forwarded trace headers, which never replace one already set.
     */
    private UpstreamRequest post(String pathTemplate, String model, byte[] body, boolean stream, Attempt attempt) {
        String path = settings.endpoint().basePath()
                + settings.profile().resolve(pathTemplate, model, settings.apiVersion());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("accept", stream ? "text/event-stream" : "application/json");
        headers.putAll(fixedHeaders);
        attempt.forwardHeaders().forEach((name, value) -> headers.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
        return UpstreamRequest.post(settings.endpoint(), path, headers, body, stream);
    }

    /** The credentials, organization and configured headers: the same for every request. */
    private static Map<String, String> fixedHeaders(OpenAiSettings settings) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (settings.apiKey() != null) {
            headers.put(settings.profile().authHeader(), settings.profile().authScheme() + settings.apiKey());
        }
        if (settings.organization() != null) {
            headers.put("openai-organization", settings.organization());
        }
        headers.putAll(settings.headers()); // a configured header replaces a default of the same name
        return Collections.unmodifiableMap(headers);
    }

    @Override
    public String toString() {
        return "OpenAiProvider[" + settings + "]";
    }
}
