package dev.sluice.bedrock;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.HttpProvider;
import dev.sluice.spi.http.Endpoint;
import dev.sluice.spi.http.PassThrough;
import dev.sluice.spi.http.StreamDecoder;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Amazon Bedrock through the Converse and ConverseStream APIs, as a transform that owns no I/O:
 * {@code POST {base path}/model/{modelId}/converse} and {@code .../converse-stream}, the model id URL-encoded as one
 * path segment (so {@code :} and {@code /} of ids and ARNs are escaped, as the AWS SDKs do), authenticated with a
 * Bedrock API key or SigV4 (see {@link BedrockSettings}). Answers are read whole by {@link BedrockResponseCodec};
 * streams, in AWS event-stream framing, by a {@link BedrockStreamDecoder} fed the body's bytes as they arrive.
 *
 * <p>Thread-safe: holds only the settings, the codec and the authenticator.
 */
public final class BedrockProvider implements HttpProvider {

    private final BedrockSettings settings;
    private final UpstreamAuth auth;
    private final BedrockCodec codec;
    private final PassThrough passThrough;

    BedrockProvider(BedrockSettings settings, UpstreamAuth auth, Clock clock) {
        this.settings = settings;
        this.auth = auth;
        this.codec = new BedrockCodec(clock);
        this.passThrough = new BedrockPassThrough(this, settings.id());
    }

    public BedrockSettings settings() {
        return settings;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The headers are, in order: {@code content-type}, {@code accept}, the attempt's forwarded headers, then the
     * authentication ({@code authorization}, and for SigV4 {@code x-amz-date} and any session token), all with
     * lower-case names. A SigV4 signature covers exactly these headers, the body and the endpoint's authority as
     * {@code host}.
     *
     * @throws GatewayException {@code AUTHENTICATION} when no AWS credentials can be found
     */
    @Override
    public UpstreamRequest chatRequest(ChatRequest request, Attempt attempt) {
        return post(request.model(), codec.encodeRequest(request), request.stream(), attempt);
    }

    /** {@inheritDoc} Bedrock callers pass through: their Converse body is this upstream's. */
    @Override
    public PassThrough passThrough(String inboundApi) {
        return "bedrock".equals(inboundApi) ? passThrough : null;
    }

    /**
     * The Converse (or ConverseStream) POST of a body already in Bedrock's format to {@code model}'s path, with the
     * headers and authentication {@link #chatRequest} lists.
     */
    UpstreamRequest post(String model, byte[] body, boolean stream, Attempt attempt) {
        Endpoint endpoint = settings.endpoint();
        String path = path(model, stream ? "converse-stream" : "converse");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("accept", stream ? EventFrames.CONTENT_TYPE : "application/json");
        attempt.forwardHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        try {
            auth.apply(endpoint, path, headers, body);
        } catch (RuntimeException e) {
            // e.g. no credentials in the default chain; the SDK's message names the sources it tried, no secrets
            throw new GatewayException(new GatewayError(ErrorType.AUTHENTICATION, 401, "provider '" + settings.id()
                    + "' has no usable AWS credentials: " + e.getMessage(), settings.id(), null, null));
        }
        return UpstreamRequest.post(endpoint, path, Collections.unmodifiableMap(headers), body, stream);
    }

    /** {@inheritDoc} The response id is the answer's {@code x-amzn-RequestId} (Bedrock's body names none). */
    @Override
    public ChatResponse chatResponse(ChatRequest request, UpstreamResponse response) {
        return codec.decodeResponse(response.body(), requestId(response), request.model(), settings.id());
    }

    @Override
    public StreamDecoder chatStream(ChatRequest request, UpstreamResponse head, ChatEventSink sink) {
        return codec.streamDecoder(sink, settings.id(), requestId(head), request.model());
    }

    @Override
    public GatewayError error(UpstreamResponse response) {
        return codec.decodeError(response.status(), response.headers(), response.body(), settings.id());
    }

    /** The raw path of one operation for one model, under the base URL's path. */
    String path(String model, String operation) {
        String segment = URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20");
        return settings.endpoint().basePath() + "/model/" + segment + "/" + operation;
    }

    /** The answer's {@code x-amzn-RequestId}, or a random UUID when it has none. */
    static String requestId(UpstreamResponse response) {
        String id = response.header("x-amzn-RequestId");
        return id != null ? id : UUID.randomUUID().toString();
    }

    @Override
    public void close() {
        auth.close();
    }
}
