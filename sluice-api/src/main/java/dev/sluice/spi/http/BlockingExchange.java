package dev.sluice.spi.http;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.HttpProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Drives an {@link HttpProvider}'s transform over a blocking {@link UpstreamTransport} on the calling thread: send
 * the request, map a non-2xx answer, read a whole answer, or feed a stream's bytes to the provider's decoder as they
 * arrive. The one I/O loop shared by every HTTP provider until the event-loop transport replaces it.
 */
public final class BlockingExchange {

    private static final Set<String> TRANSPORT_OWNED = Set.of("host", "content-length", "connection", "expect",
            "upgrade");

    private BlockingExchange() { }

    public static ChatResponse chat(HttpProvider provider, UpstreamTransport transport, ChatRequest request,
                                    Attempt attempt) {
        ChatRequest r = request.stream() ? request.toBuilder().stream(false).includeUsage(false).build() : request;
        UpstreamResponse whole = whole(provider, transport, provider.chatRequest(r, attempt), attempt);
        return provider.chatResponse(r, whole);
    }

    public static void stream(HttpProvider provider, UpstreamTransport transport, ChatRequest request,
                              Attempt attempt, ChatEventSink sink) {
        ChatRequest r = request.stream() ? request : request.toBuilder().stream(true).build();
        String providerId = attempt.deployment().providerId();
        HttpResponse<InputStream> response = send(transport, provider.chatRequest(r, attempt), attempt);
        if (!success(response.statusCode())) {
            throw failed(provider, response, providerId);
        }
        BufferedResponse head = new BufferedResponse(response.statusCode(), response.headers(), null);
        StreamDecoder decoder = provider.chatStream(r, head, sink);
        byte[] buffer = new byte[8192];
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                decoder.decode(ByteBuffer.wrap(buffer, 0, n));
            }
        } catch (IOException e) {
            throw UpstreamHttp.transportError(providerId, e);
        }
        decoder.end();
    }

    public static EmbeddingResponse embed(HttpProvider provider, UpstreamTransport transport,
                                          EmbeddingRequest request, Attempt attempt) {
        UpstreamResponse whole = whole(provider, transport, provider.embeddingsRequest(request, attempt), attempt);
        return provider.embeddingsResponse(request, whole);
    }

    private static UpstreamResponse whole(HttpProvider provider, UpstreamTransport transport,
                                          UpstreamRequest request, Attempt attempt) {
        String providerId = attempt.deployment().providerId();
        HttpResponse<InputStream> response = send(transport, request, attempt);
        if (!success(response.statusCode())) {
            throw failed(provider, response, providerId);
        }
        byte[] body = UpstreamHttp.readBody(response.body(), UpstreamResponse.MAX_BODY_BYTES + 1, providerId);
        if (body.length > UpstreamResponse.MAX_BODY_BYTES) {
            throw UpstreamErrors.tooLarge(providerId);
        }
        return new BufferedResponse(response.statusCode(), response.headers(), body);
    }

    private static GatewayException failed(HttpProvider provider, HttpResponse<InputStream> response,
                                           String providerId) {
        byte[] body = UpstreamHttp.readBody(response.body(), UpstreamResponse.MAX_ERROR_BYTES, providerId);
        return new GatewayException(provider.error(
                new BufferedResponse(response.statusCode(), response.headers(), body)));
    }

    private static HttpResponse<InputStream> send(UpstreamTransport transport, UpstreamRequest request,
                                                  Attempt attempt) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.endpoint().uri(request.path()))
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, value) -> {
            if (!TRANSPORT_OWNED.contains(name)) {
                b.header(name, value);
            }
        });
        return UpstreamHttp.send(transport, b.build(), request.body(), attempt,
                attempt.deployment().providerId(), request.stream());
    }

    private static boolean success(int status) {
        return status >= 200 && status <= 299;
    }
}
