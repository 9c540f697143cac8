package dev.sluice.anthropic;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
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
 * Anthropic's Messages API ({@code POST {base_url}/v1/messages}) as an upstream. Thread-safe: holds only settings,
 * the codec and the context; each call uses the context's pooled HTTP client for the deployment's connect timeout
 * and {@link UpstreamHttp#send} so that the gateway can cancel it. Streams are decoded event by event and passed on
 * as they arrive.
 */
public final class AnthropicProvider implements Provider {

    private static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private final AnthropicSettings settings;
    private final ProviderContext context;
    private final AnthropicCodec codec;

    public AnthropicProvider(AnthropicSettings settings, ProviderContext context) {
        this.settings = settings;
        this.context = context;
        this.codec = new AnthropicCodec(context.clock());
    }

    public AnthropicSettings settings() {
        return settings;
    }

    @Override
    public ChatResponse chat(ChatRequest request, Attempt attempt) {
        ChatRequest r = request.stream() ? request.toBuilder().stream(false).includeUsage(false).build() : request;
        HttpResponse<InputStream> response = post(codec.encodeRequest(r), attempt, false);
        return codec.decodeResponse(UpstreamHttp.readBody(response.body(), MAX_ANSWER_BYTES, settings.id()),
                settings.id());
    }

    @Override
    public void stream(ChatRequest request, Attempt attempt, ChatEventSink sink) {
        ChatRequest r = request.stream() ? request : request.toBuilder().stream(true).build();
        HttpResponse<InputStream> response = post(codec.encodeRequest(r), attempt, true);
        AnthropicStreamDecoder decoder = codec.streamDecoder(sink, settings.id());
        try (SseReader reader = new SseReader(response.body())) {
            SseEvent event;
            while ((event = reader.next()) != null) {
                if (!decoder.accept(event)) {
                    break;
                }
            }
        } catch (IOException e) {
            throw UpstreamHttp.transportError(settings.id(), e);
        }
        decoder.finish();
    }

    /** Sends the request; returns a 2xx response with its body unread, or throws the upstream's mapped error. */
    private HttpResponse<InputStream> post(byte[] body, Attempt attempt, boolean stream) {
        URI uri = URI.create(settings.baseUrl() + "/v1/messages");
        HttpRequest.Builder b = UpstreamHttp.jsonPost(uri, body, attempt);
        b.header("accept", stream ? "text/event-stream" : "application/json");
        b.header("anthropic-version", settings.version());
        if (settings.apiKey() != null) {
            b.header("x-api-key", settings.apiKey());
        }
        if (settings.beta() != null) {
            b.header("anthropic-beta", settings.beta());
        }
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
