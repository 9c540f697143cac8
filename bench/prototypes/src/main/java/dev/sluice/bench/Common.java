package dev.sluice.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What both prototypes do per call, outside the I/O framework: the key check, the request translation (fast: splice the
 * model value bytes using the streaming parser's token offsets; tree: tree -> records -> bytes), the usage read-out on
 * the response, request ids and counters. Kept identical so the comparison is about Netty vs Vert.x only.
 */
final class Common {
    static final int MAX_BODY = 8 << 20;
    static final String UPSTREAM_HOST = "127.0.0.1";
    static final int UPSTREAM_PORT = Integer.getInteger("upstream.port", 4401);
    static final String UPSTREAM_PATH = "/v1/chat/completions";
    static final String UPSTREAM_AUTH = "Bearer sk-canned";
    static final boolean TREE = "tree".equals(System.getProperty("mode", "fast"));
    static final boolean CHECK = Boolean.getBoolean("check.thread");
    static final byte[] HEALTH = "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);
    private static final Map<String, String> MODELS = Map.of("bench", "gpt-4o-mini");
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    // Counters (LongAdder: per-cell, so the two loops do not share a contended cache line).
    static final LongAdder calls = new LongAdder(), threadMismatch = new LongAdder(), connMismatch = new LongAdder(),
            promptTokens = new LongAdder(), completionTokens = new LongAdder();

    /** An error answered to the client as {"error":{...}}; no stack trace (it is control flow). */
    static final class HttpError extends RuntimeException {
        final int status;
        HttpError(int status, String message) { super(message, null, false, false); this.status = status; }
        byte[] json() {
            return ("{\"error\":{\"message\":\"" + getMessage() + "\",\"code\":" + status + "}}").getBytes(StandardCharsets.UTF_8);
        }
    }

    static String mode() { return TREE ? "tree" : "fast"; }

    // ---- key check: SHA-256 digests compared in constant time, digest cloned from a prototype (as Authenticator does)
    private static final MessageDigest SHA256;
    private static final byte[] MASTER;
    static {
        try {
            SHA256 = MessageDigest.getInstance("SHA-256");
            MASTER = sha256("sk-bench-master-key");
        } catch (Exception e) { throw new ExceptionInInitializerError(e); }
    }
    private static byte[] sha256(String s) throws CloneNotSupportedException {
        return ((MessageDigest) SHA256.clone()).digest(s.getBytes(StandardCharsets.UTF_8));
    }
    static void authorize(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) throw new HttpError(401, "Missing API key");
        try {
            if (!MessageDigest.isEqual(MASTER, sha256(header.substring(7).trim()))) throw new HttpError(401, "Invalid API key");
        } catch (CloneNotSupportedException e) { throw new IllegalStateException(e); }
    }

    // ---- request translation
    static byte[] translateRequest(byte[] in) {
        try {
            return TREE ? treeRequest(in) : fastRequest(in);
        } catch (IOException | RuntimeException e) {
            if (e instanceof HttpError h) throw h;
            throw new HttpError(400, "Invalid JSON body");
        }
    }

    private static String upstreamModel(String model) {
        String m = model == null ? null : MODELS.get(model);
        if (m == null) throw new HttpError(404, "Unknown model");
        return m;
    }

    /** Finds top-level model/stream/max_tokens and splices the new model value in, copying every other byte. */
    private static byte[] fastRequest(byte[] in) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new HttpError(400, "Body must be a JSON object");
            int start = -1, end = -1;
            String model = null;
            boolean stream = false;
            int maxTokens = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "model" -> {
                        if (t != JsonToken.VALUE_STRING) throw new HttpError(400, "model must be a string");
                        start = (int) p.currentTokenLocation().getByteOffset(); // the opening quote
                        model = p.getText();                                    // finishes the lazy string token
                        end = (int) p.currentLocation().getByteOffset();        // just past the closing quote
                    }
                    case "stream" -> stream = t == JsonToken.VALUE_TRUE;
                    case "max_tokens" -> maxTokens = p.getValueAsInt(-1);
                    default -> p.skipChildren();
                }
            }
            if (stream) throw new HttpError(400, "stream is not supported by the prototype");
            if (maxTokens == 0) throw new HttpError(400, "max_tokens must be positive");
            byte[] value = ('"' + upstreamModel(model) + '"').getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[in.length - (end - start) + value.length];
            System.arraycopy(in, 0, out, 0, start);
            System.arraycopy(value, 0, out, start, value.length);
            System.arraycopy(in, end, out, start + value.length, in.length - end);
            return out;
        }
    }

    record Message(String role, String content) {}
    record ChatRequest(String model, List<Message> messages, Integer maxTokens, Boolean stream, Double temperature) {}
    record Usage(int promptTokens, int completionTokens, int totalTokens) {}
    record Choice(int index, Message message, String finishReason) {}
    record ChatResponse(String id, String object, long created, String model, List<Choice> choices, Usage usage) {}

    /** Full translation: tree, mapped to records, re-encoded. */
    private static byte[] treeRequest(byte[] in) throws IOException {
        JsonNode n = MAPPER.readTree(in);
        if (n == null || !n.isObject()) throw new HttpError(400, "Body must be a JSON object");
        List<Message> messages = new ArrayList<>();
        for (JsonNode m : n.path("messages")) messages.add(new Message(m.path("role").asText(), m.path("content").asText()));
        ChatRequest r = new ChatRequest(upstreamModel(n.path("model").asText(null)), messages,
                n.has("max_tokens") ? n.get("max_tokens").asInt() : null, n.has("stream") ? n.get("stream").asBoolean() : null,
                n.has("temperature") ? n.get("temperature").asDouble() : null);
        if (Boolean.TRUE.equals(r.stream())) throw new HttpError(400, "stream is not supported by the prototype");
        return MAPPER.writeValueAsBytes(r);
    }

    // ---- response: read usage, and in tree mode re-encode the whole body
    static byte[] translateResponse(byte[] in) {
        try {
            return TREE ? treeResponse(in) : fastResponse(in);
        } catch (IOException | RuntimeException e) {
            throw new HttpError(502, "Invalid upstream response");
        }
    }

    private static byte[] fastResponse(byte[] in) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not an object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("usage") && t == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String u = p.currentName();
                        p.nextToken();
                        if (u.equals("prompt_tokens")) promptTokens.add(p.getValueAsInt());
                        else if (u.equals("completion_tokens")) completionTokens.add(p.getValueAsInt());
                        else p.skipChildren();
                    }
                } else {
                    p.skipChildren();
                }
            }
            return in;
        }
    }

    private static byte[] treeResponse(byte[] in) throws IOException {
        JsonNode n = MAPPER.readTree(in);
        List<Choice> choices = new ArrayList<>();
        for (JsonNode c : n.path("choices")) {
            JsonNode m = c.path("message");
            choices.add(new Choice(c.path("index").asInt(), new Message(m.path("role").asText(), m.path("content").asText()),
                    c.path("finish_reason").asText(null)));
        }
        JsonNode u = n.path("usage");
        Usage usage = new Usage(u.path("prompt_tokens").asInt(), u.path("completion_tokens").asInt(), u.path("total_tokens").asInt());
        promptTokens.add(usage.promptTokens());
        completionTokens.add(usage.completionTokens());
        return MAPPER.writeValueAsBytes(new ChatResponse(n.path("id").asText(), n.path("object").asText(),
                n.path("created").asLong(), n.path("model").asText(), choices, usage));
    }

    // ---- request ids: a per-thread counter behind a per-process random prefix; no shared state between loops
    private static final String PREFIX = Long.toHexString(System.nanoTime() ^ ProcessHandle.current().pid() << 40) + "-";
    private static final ThreadLocal<long[]> SEQ = ThreadLocal.withInitial(() -> new long[1]);
    static String requestId() {
        return PREFIX + Thread.currentThread().threadId() + "-" + (++SEQ.get()[0]);
    }

    static byte[] statsJson() {
        return ("{\"calls\":" + calls.sum() + ",\"thread_mismatch\":" + threadMismatch.sum() + ",\"conn_loop_mismatch\":"
                + connMismatch.sum() + ",\"prompt_tokens\":" + promptTokens.sum() + ",\"completion_tokens\":"
                + completionTokens.sum() + ",\"mode\":\"" + mode() + "\",\"check_thread\":" + CHECK + "}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Self-check of both translations: java -cp prototypes.jar dev.sluice.bench.Common */
    public static void main(String[] args) {
        byte[] req = "{\"model\":\"bench\",\"messages\":[{\"role\":\"user\",\"content\":\"h\\u00e9 \\\"x\\\"\"}],\"max_tokens\":64}"
                .getBytes(StandardCharsets.UTF_8);
        System.out.println(new String(translateRequest(req), StandardCharsets.UTF_8));
        byte[] resp = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Paris.\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":21,\"completion_tokens\":8,\"total_tokens\":29}}"
                .getBytes(StandardCharsets.UTF_8);
        System.out.println(new String(translateResponse(resp), StandardCharsets.UTF_8));
        System.out.println(new String(statsJson(), StandardCharsets.US_ASCII));
    }
}
