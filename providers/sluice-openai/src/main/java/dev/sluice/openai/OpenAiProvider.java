package dev.sluice.openai;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderContext;
import dev.sluice.spi.http.SseEvent;
import dev.sluice.spi.http.SseReader;
import dev.sluice.spi.http.UpstreamHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * An OpenAI or OpenAI-compatible upstream, shaped by its {@link CompatProfile}. Thread-safe: holds only settings,
 * the shared codecs and the context; every call uses the context's pooled HTTP client for the deployment's connect
 * timeout and {@link UpstreamHttp#send} so that the gateway can cancel it.
 */
public final class OpenAiProvider implements Provider {

    private static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private final OpenAiSettings settings;
    private final ProviderContext context;
    private final OpenAiChatCodec codec;
    private final OpenAiEmbeddingsCodec embeddings = new OpenAiEmbeddingsCodec();

    public OpenAiProvider(OpenAiSettings settings, ProviderContext context) {
        this.settings = settings;
        this.context = context;
        this.codec = new OpenAiChatCodec(context.clock());
    }

    public OpenAiSettings settings() {
        return settings;
    }

    @Override
    public ChatResponse chat(ChatRequest request, Attempt attempt) {
        ChatRequest r = request.stream() ? request.toBuilder().stream(false).includeUsage(false).build() : request;
        HttpResponse<InputStream> response = post(settings.profile().chatPath(), r.model(),
                codec.encodeRequest(r, settings.profile()), attempt, false);
        return codec.decodeResponse(UpstreamHttp.readBody(response.body(), MAX_ANSWER_BYTES, settings.id()),
                settings.id());
    }

    /** {@inheritDoc} A server that ignores {@code stream} and answers whole is replayed as events. */
    @Override
    public void stream(ChatRequest request, Attempt attempt, ChatEventSink sink) {
        ChatRequest r = request.stream() ? request : request.toBuilder().stream(true).build();
        HttpResponse<InputStream> response = post(settings.profile().chatPath(), r.model(),
                codec.encodeRequest(r, settings.profile()), attempt, true);
        String type = response.headers().firstValue("content-type").orElse("");
        if (type.startsWith("application/json")) {
            byte[] body = UpstreamHttp.readBody(response.body(), MAX_ANSWER_BYTES, settings.id());
            ResponseReplay.emit(codec.decodeResponse(body, settings.id()), sink);
            return;
        }
        OpenAiStreamDecoder decoder = codec.streamDecoder(sink, settings.id());
        try (SseReader reader = new SseReader(response.body())) {
            SseEvent event;
            while ((event = reader.next()) != null) {
                if (!decoder.accept(event.data())) {
                    break;
                }
            }
        } catch (IOException e) {
            throw UpstreamHttp.transportError(settings.id(), e);
        }
        decoder.finish();
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, Attempt attempt) {
        HttpResponse<InputStream> response = post(settings.profile().embeddingsPath(), request.model(),
                embeddings.encodeRequest(request), attempt, false);
        return embeddings.decodeResponse(UpstreamHttp.readBody(response.body(), MAX_ANSWER_BYTES, settings.id()),
                settings.id());
    }

    /** Sends the request; returns a 2xx response with its body unread, or throws the upstream's mapped error. */
    private HttpResponse<InputStream> post(String pathTemplate, String model, byte[] body, Attempt attempt,
                                           boolean stream) {
        URI uri = URI.create(settings.baseUrl()
                + settings.profile().resolve(pathTemplate, model, settings.apiVersion()));
        HttpRequest.Builder b = UpstreamHttp.jsonPost(uri, body, attempt);
        b.header("accept", stream ? "text/event-stream" : "application/json");
        if (settings.apiKey() != null) {
            b.header(settings.profile().authHeader(), settings.profile().authScheme() + settings.apiKey());
        }
        if (settings.organization() != null) {
            b.header("openai-organization", settings.organization());
        }
        settings.headers().forEach(b::header);
        HttpResponse<InputStream> response =
                UpstreamHttp.send(context, b.build(), body, attempt, settings.id(), stream);
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            byte[] error = UpstreamHttp.readBody(response.body(), MAX_ERROR_BYTES, settings.id());
            throw new GatewayException(codec.decodeError(status, response.headers(), error, settings.id()));
        }
        return response;
    }
}
