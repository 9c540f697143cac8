package dev.sluice.anthropic;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.error.GatewayError;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.HttpProvider;
import dev.sluice.spi.http.PassThrough;
import dev.sluice.spi.http.StreamDecoder;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Anthropic's Messages API ({@code POST {base_url}/v1/messages}) as an upstream transform: it builds the request and
 * reads the answer, whole or as a stream, and the engine does the I/O. Thread-safe: holds only its settings and the
 * stateless codec.
 */
public final class AnthropicProvider implements HttpProvider {

    private final AnthropicSettings settings;
    private final AnthropicCodec codec;
    private final String messagesPath;
    private final PassThrough passThrough;

    /** @param clock stamps decoded answers, which carry no time of their own */
    public AnthropicProvider(AnthropicSettings settings, Clock clock) {
        this.settings = settings;
        this.codec = new AnthropicCodec(clock);
        this.messagesPath = settings.endpoint().basePath() + "/v1/messages";
        this.passThrough = new AnthropicPassThrough(this, settings.id());
    }

    public AnthropicSettings settings() {
        return settings;
    }

    /**
     * {@inheritDoc} Headers, in order: {@code content-type}, {@code accept}, {@code anthropic-version},
     * {@code x-api-key} and {@code anthropic-beta} when configured, then the attempt's forwarded headers, which cannot
     * replace any of these; a caller's {@code anthropic-beta} (forwarded for Anthropic callers) joins the configured
     * one.
     */
    @Override
    public UpstreamRequest chatRequest(ChatRequest request, Attempt attempt) {
        return messagesPost(codec.encodeRequest(request), request.stream(), attempt);
    }

    /** {@inheritDoc} Anthropic callers pass through: their Messages body is this upstream's. */
    @Override
    public PassThrough passThrough(String inboundApi) {
        return "anthropic".equals(inboundApi) ? passThrough : null;
    }

    /** The Messages POST of a body already in Anthropic's format, with the headers {@link #chatRequest} lists. */
    UpstreamRequest messagesPost(byte[] body, boolean stream, Attempt attempt) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("accept", stream ? "text/event-stream" : "application/json");
        headers.put("anthropic-version", settings.version());
        if (settings.apiKey() != null) {
            headers.put("x-api-key", settings.apiKey());
        }
        String beta = betas(settings.beta(), attempt.forwardHeaders().get("anthropic-beta"));
        if (beta != null) {
            headers.put("anthropic-beta", beta);
        }
        attempt.forwardHeaders().forEach((name, value) -> headers.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
        return UpstreamRequest.post(settings.endpoint(), messagesPath, headers, body, stream);
    }

    /** The configured beta flags and the caller's, each once, comma-separated; null when neither has any. */
    static String betas(String configured, String caller) {
        if (caller == null || caller.isBlank()) {
            return configured;
        }
        java.util.LinkedHashSet<String> flags = new java.util.LinkedHashSet<>();
        for (String list : new String[] {configured, caller}) {
            if (list != null) {
                for (String flag : list.split(",")) {
                    if (!flag.isBlank()) {
                        flags.add(flag.trim());
                    }
                }
            }
        }
        return flags.isEmpty() ? null : String.join(",", flags);
    }

    @Override
    public ChatResponse chatResponse(ChatRequest request, UpstreamResponse response) {
        return codec.decodeResponse(response.body(), settings.id());
    }

    @Override
    public StreamDecoder chatStream(ChatRequest request, UpstreamResponse head, ChatEventSink sink) {
        return codec.streamDecoder(sink, settings.id());
    }

    @Override
    public GatewayError error(UpstreamResponse response) {
        return codec.decodeError(response.status(), response.headers(), response.body(), settings.id());
    }
}
