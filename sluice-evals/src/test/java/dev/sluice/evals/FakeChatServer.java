package dev.sluice.evals;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A fake OpenAI-compatible chat completions endpoint on loopback: answers come from a script (model, user prompt) ->
 * text, streamed as SSE with a final usage chunk when asked, with an {@code x-sluice-cost-usd} header. The first
 * {@code rateLimitFirst} requests are refused with 429 and {@code retry-after: 1}.
 */
final class FakeChatServer implements AutoCloseable {

    static final String KEY = "sk-test-123";

    private final HttpServer server;
    private final BiFunction<String, String, String> script;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger rateLimited = new AtomicInteger();
    final Map<String, AtomicInteger> callsByModel = new ConcurrentHashMap<>();
    private final AtomicInteger rateLimitBudget;

    FakeChatServer(BiFunction<String, String, String> script, int rateLimitFirst) throws IOException {
        this.script = script;
        this.rateLimitBudget = new AtomicInteger(rateLimitFirst);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!("Bearer " + KEY).equals(ex.getRequestHeaders().getFirst("authorization"))) {
                send(ex, 401, "application/json", "{\"error\":{\"message\":\"bad key\"}}");
                return;
            }
            JsonNode body = Json.parse(ex.getRequestBody().readAllBytes());
            if (rateLimitBudget.getAndDecrement() > 0) {
                rateLimited.incrementAndGet();
                ex.getResponseHeaders().add("retry-after", "1");
                send(ex, 429, "application/json", "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\"}}");
                return;
            }
            calls.incrementAndGet();
            String model = body.path("model").asText();
            callsByModel.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet();
            JsonNode messages = body.path("messages");
            String prompt = messages.path(messages.size() - 1).path("content").asText();
            String answer = script.apply(model, prompt);
            ex.getResponseHeaders().add("x-sluice-cost-usd", "0.0001");
            if (body.path("stream").asBoolean()) {
                stream(ex, model, answer);
            } else {
                var out = Json.object();
                out.put("id", "c1").put("object", "chat.completion").put("model", model);
                out.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                        .putObject("message").put("role", "assistant").put("content", answer);
                out.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", words(answer));
                send(ex, 200, "application/json", Json.text(out));
            }
        }
    }

    private static void stream(HttpExchange ex, String model, String answer) throws IOException {
        ex.getResponseHeaders().add("content-type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        String[] parts = answer.split("(?<= )");
        for (String part : parts) {
            var chunk = Json.object();
            chunk.put("id", "c1").put("object", "chat.completion.chunk").put("model", model);
            chunk.putArray("choices").addObject().put("index", 0).putObject("delta").put("content", part);
            out.write(("data: " + Json.text(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        var usage = Json.object();
        usage.put("id", "c1").put("object", "chat.completion.chunk").putArray("choices");
        usage.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", words(answer));
        out.write(("data: " + Json.text(usage) + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
    }

    private static int words(String s) {
        return s.isBlank() ? 0 : s.trim().split("\\s+").length;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("content-type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
