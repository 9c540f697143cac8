package dev.sluice.evals.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.spi.http.SseEvent;
import dev.sluice.spi.http.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Calls Sluice's OpenAI-compatible {@code POST /v1/chat/completions} as any user would, with
 * {@code Authorization: Bearer KEY}. Streams with {@code stream_options.include_usage} to measure time to first token.
 * Thread-safe; the {@link HttpClient} is owned by the caller.
 */
public final class GatewayClient {

    /** The response header the gateway sets with the call's cost in US dollars. */
    public static final String COST_HEADER = "x-sluice-cost-usd";

    private final HttpClient http;
    private final URI endpoint;
    private final String key;
    private final Duration timeout;

    public GatewayClient(HttpClient http, String baseUrl, String key, Duration timeout) {
        this.http = http;
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.endpoint = URI.create(base + "/v1/chat/completions");
        this.key = key;
        this.timeout = timeout;
    }

    /**
     * One chat completion.
     *
     * @param label the target name used in error messages
     * @param params extra body fields (temperature, max_tokens...)
     * @param stream whether to stream (TTFT is measured only when streaming)
     */
    public TargetOutput chat(String label, String model, String system, String user, Map<String, Object> params,
                             boolean stream) {
        ObjectNode body = Json.object();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        if (system != null) {
            messages.addObject().put("role", "system").put("content", system);
        }
        messages.addObject().put("role", "user").put("content", user);
        params.forEach((k, v) -> body.set(k, Json.MAPPER.valueToTree(v)));
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
        if (key != null && !key.isBlank()) {
            request.header("authorization", "Bearer " + key);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() >= 400) {
                    throw HttpFailures.status(label, response.statusCode(), response.headers(), in.readAllBytes());
                }
                double cost = response.headers().firstValue(COST_HEADER).map(GatewayClient::parseCost).orElse(0.0);
                boolean sse = response.headers().firstValue("content-type").orElse("").contains("event-stream");
                return sse ? readStream(label, in, start, cost) : readJson(label, in.readAllBytes(), start, cost);
            }
        } catch (IOException e) {
            throw HttpFailures.io(label, e);
        } catch (InterruptedException e) {
            throw HttpFailures.interrupted(label);
        }
    }

    private static TargetOutput readJson(String label, byte[] bytes, long start, double cost) throws IOException {
        JsonNode n = parse(label, bytes);
        String text = n.path("choices").path(0).path("message").path("content").asText("");
        JsonNode usage = n.path("usage");
        return new TargetOutput(text, List.of(), millisSince(start), -1, usage.path("prompt_tokens").asInt(),
                usage.path("completion_tokens").asInt(), cost);
    }

    private static TargetOutput readStream(String label, InputStream in, long start, double cost) throws IOException {
        StringBuilder text = new StringBuilder();
        long ttft = -1;
        int inTokens = 0;
        int outTokens = 0;
        SseReader reader = new SseReader(in);
        for (SseEvent e = reader.next(); e != null; e = reader.next()) {
            if (e.data().isBlank() || e.data().equals("[DONE]")) {
                continue;
            }
            JsonNode n = parse(label, e.data().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (n.has("error")) {
                throw GatewayException.of(ErrorType.UPSTREAM_ERROR, "target '" + label + "' failed mid-stream: "
                        + n.path("error").path("message").asText("unknown error"));
            }
            String delta = n.path("choices").path(0).path("delta").path("content").asText("");
            if (!delta.isEmpty()) {
                if (ttft < 0) {
                    ttft = millisSince(start);
                }
                text.append(delta);
            }
            JsonNode usage = n.path("usage");
            if (usage.isObject()) {
                inTokens = usage.path("prompt_tokens").asInt(inTokens);
                outTokens = usage.path("completion_tokens").asInt(outTokens);
            }
        }
        return new TargetOutput(text.toString(), List.of(), millisSince(start), ttft, inTokens, outTokens, cost);
    }

    private static JsonNode parse(String label, byte[] bytes) {
        try {
            return Json.parse(bytes);
        } catch (IOException e) {
            throw GatewayException.of(ErrorType.UPSTREAM_ERROR, "target '" + label + "' answered invalid JSON");
        }
    }

    private static double parseCost(String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
