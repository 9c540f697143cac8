package dev.sluice.bedrock;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderContext;
import dev.sluice.spi.http.UpstreamHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.eventstream.Message;

/**
 * Amazon Bedrock through the Converse and ConverseStream APIs: {@code POST {base}/model/{modelId}/converse} and
 * {@code .../converse-stream}, the model id URL-encoded as one path segment (so {@code :} and {@code /} of ids and
 * ARNs are escaped, as the AWS SDKs do). Authenticated with a Bedrock API key or SigV4 (see {@link BedrockSettings}).
 *
 * <p>Thread-safe: holds only settings, the codec, the authenticator and the context. Calls go through
 * {@link UpstreamHttp#send} so that the gateway can cancel them; streams are read frame by frame and every event is
 * passed to the sink as it arrives.
 */
public final class BedrockProvider implements Provider {

    private static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private final BedrockSettings settings;
    private final ProviderContext context;
    private final UpstreamAuth auth;
    private final BedrockCodec codec;

    BedrockProvider(BedrockSettings settings, ProviderContext context, UpstreamAuth auth) {
        this.settings = settings;
        this.context = context;
        this.auth = auth;
        this.codec = new BedrockCodec(context.clock());
    }

    public BedrockSettings settings() {
        return settings;
    }

    @Override
    public ChatResponse chat(ChatRequest request, Attempt attempt) {
        HttpResponse<InputStream> response = post(request, "converse", attempt);
        byte[] body = UpstreamHttp.readBody(response.body(), MAX_ANSWER_BYTES, settings.id());
        return codec.decodeResponse(body, requestId(response), request.model(), settings.id());
    }

    @Override
    public void stream(ChatRequest request, Attempt attempt, ChatEventSink sink) {
        HttpResponse<InputStream> response = post(request, "converse-stream", attempt);
        BedrockStreamDecoder decoder = codec.streamDecoder(sink, settings.id(), requestId(response), request.model());
        try (InputStream in = response.body()) {
            EventStreamReader reader = new EventStreamReader(in);
            Message message;
            while ((message = reader.next()) != null) {
                decoder.accept(message);
            }
        } catch (IOException e) {
            throw UpstreamHttp.transportError(settings.id(), e);
        }
        decoder.finish();
    }

    /** The URL of one operation for one model. */
    URI uri(String model, String operation) {
        String segment = URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20");
        return URI.create(settings.baseUrl() + "/model/" + segment + "/" + operation);
    }

    private HttpResponse<InputStream> post(ChatRequest request, String operation, Attempt attempt) {
        byte[] body = codec.encodeRequest(request);
        URI uri = uri(request.model(), operation);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("accept", operation.equals("converse") ? "application/json" : EventFrames.CONTENT_TYPE);
        attempt.forwardHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            auth.apply(uri, headers, body, b);
        } catch (RuntimeException e) {
            // e.g. no credentials in the default chain; the SDK's message names the sources it tried, no secrets
            throw new GatewayException(new GatewayError(ErrorType.AUTHENTICATION, 401, "provider '" + settings.id()
                    + "' has no usable AWS credentials: " + e.getMessage(), settings.id(), null, null));
        }
        HttpResponse<InputStream> response = UpstreamHttp.send(context, b.build(), body, attempt, settings.id(),
                !operation.equals("converse"));
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            byte[] error = UpstreamHttp.readBody(response.body(), MAX_ERROR_BYTES, settings.id());
            throw new GatewayException(codec.decodeError(status, response.headers(), error, settings.id()));
        }
        return response;
    }

    private static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("x-amzn-RequestId")
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    @Override
    public void close() {
        auth.close();
    }
}
