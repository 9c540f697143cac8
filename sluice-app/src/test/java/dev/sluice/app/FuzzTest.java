package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of malformed requests to every route, from a fixed seed (set {@code -Dfuzz.seed=N} and
 * {@code -Dfuzz.cases=N} to explore further): bodies mutated from valid ones (cut, bytes flipped, NUL and bad UTF-8,
 * wrong types, deep nesting, huge numbers), hostile query strings and path ids, missing or wrong keys and content
 * types, and raw HTTP/1.1 requests with their bytes mutated. Every answer must be below 500 (a 503 from the
 * connection cap would be the one allowed, and none is expected here) and, when it is an error, a JSON body; the
 * server must still answer afterwards. The counts it printed are in docs/benchmarks.md.
 */
class FuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261202L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 4000);
    private static final int RAW_CASES = Integer.getInteger("fuzz.raw_cases", 400);
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    @TempDir
    Path dir;

    private record Route(String method, String path, String body) { }

    private static final List<Route> ROUTES = List.of(
            new Route("POST", "/v1/chat/completions", """
                    {"model":"sim-echo","messages":[{"role":"system","content":"be brief"},\
                    {"role":"user","content":"hi"}],"max_tokens":20,"temperature":0.5,"stream":false,\
                    "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]}"""),
            new Route("POST", "/v1/chat/completions", """
                    {"model":"sim-echo","stream":true,"stream_options":{"include_usage":true},\
                    "messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]}"""),
            new Route("POST", "/v1/embeddings", """
                    {"model":"sim-echo","input":["a","b"],"dimensions":8,"encoding_format":"float"}"""),
            new Route("POST", "/v1/messages", """
                    {"model":"sim-echo","max_tokens":20,"system":"be brief","messages":[{"role":"user",\
                    "content":[{"type":"text","text":"hi"}]}],"stream":false}"""),
            new Route("POST", "/v1/messages", """
                    {"model":"sim-echo","max_tokens":20,"stream":true,"messages":[{"role":"user","content":"hi"}]}"""),
            new Route("POST", "/model/sim-echo/converse", """
                    {"messages":[{"role":"user","content":[{"text":"hi"}]}],"system":[{"text":"be brief"}],\
                    "inferenceConfig":{"maxTokens":20,"temperature":0.2}}"""),
            new Route("POST", "/model/sim-echo/converse-stream", """
                    {"messages":[{"role":"user","content":[{"text":"hi"}]}]}"""),
            new Route("POST", "/v1/feedback", """
                    {"request_id":"req_01a236bde2cdbd6ca03ded371886b61a","score":1,"label":"good","comment":"ok"}"""),
            new Route("PUT", "/admin/eval/runs/fuzz-run", """
                    {"runId":"fuzz-run","targets":{"a":{}}}"""),
            new Route("POST", "/admin/eval/runs/fuzz-run/results", """
                    {"caseId":"c1","output":"x"}"""),
            new Route("GET", "/v1/models", null),
            new Route("GET", "/admin/requests", null),
            new Route("GET", "/admin/requests/req_01a236bde2cdbd6ca03ded371886b61a", null),
            new Route("GET", "/admin/usage", null),
            new Route("GET", "/admin/audit", null),
            new Route("GET", "/admin/audit/verify", null),
            new Route("GET", "/admin/eval/runs", null),
            new Route("GET", "/admin/eval/runs/fuzz-run", null),
            new Route("GET", "/admin/eval/runs/fuzz-run/results", null),
            new Route("GET", "/health", null),
            new Route("GET", "/ready", null),
            new Route("GET", "/metrics", null));

    private static final String[] QUERY_KEYS = {"key", "team", "use_case", "model", "status", "from", "to", "limit",
        "cursor", "group_by", "format", "x"};
    private static final String[] HOSTILE = {"\u0000", "%00", "-1", "0", "99999999999999999999", "1e309", "NaN",
        "+1000000000-12-31T23:59:59Z", "2026-13-45", "../../etc/passwd", "' OR 1=1 --", "\uD800", "%zz", "%",
        "a".repeat(5000), "[]", "{}", "null", "\r\nX-Injected: 1", "é", "\u202e", "*", "%2F..%2F"};

    @Test
    void noMalformedRequestGetsA5xxOrANonJsonErrorAndTheServerKeepsAnswering() throws Exception {
        String schema = "fuzz_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String yaml = "server: {port: 0, host: 127.0.0.1, master_key: " + RunningSluice.KEY
                + ", header_timeout_ms: 1000, body_timeout_ms: 1000}\n"
                + "storage: {url: 'postgresql://postgres@127.0.0.1:5432/test', schema: " + schema + "}\n"
                + "providers: [{id: sim, type: simulator}]\n"
                + "models: [{name: sim-echo, provider: sim, options: {reply: echo}}]\n";
        Map<String, AtomicInteger> statuses = new TreeMap<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        try (RunningSluice sluice = new RunningSluice(yaml, dir)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    work.add(pool.submit(() -> {
                        Random random = new Random(SEED + thread);
                        for (int i = thread; i < CASES; i += 8) {
                            oneHttpCase(http, sluice.baseUrl(), random, counts, failures);
                        }
                        return null;
                    }));
                }
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    work.add(pool.submit(() -> {
                        Random random = new Random(SEED * 31 + thread);
                        for (int i = thread; i < RAW_CASES; i += 8) {
                            oneRawCase(sluice.port(), random, counts, failures);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            counts.forEach((k, v) -> statuses.put(k, v));
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("still answering").isEqualTo(200);
            HttpResponse<String> chat = http.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl()
                    + "/v1/chat/completions")).header("authorization", "Bearer " + RunningSluice.KEY)
                    .header("content-type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(ROUTES.get(0).body())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(chat.statusCode()).as("still serving: " + chat.body()).isEqualTo(200);
        } finally {
            try (Connection c = DriverManager.getConnection(PG); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
        int total = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf("fuzz (seed %d): %d HTTP cases and %d raw ones, answers by status: %s; failures: %d%n",
                SEED, CASES, RAW_CASES, statuses, failures.size());
        assertThat(failures).as("answers that broke the rules (of %d)", total).isEmpty();
    }

    // ---- well-formed HTTP, malformed content ----

    private static void oneHttpCase(HttpClient http, String base, Random random, Map<String, AtomicInteger> counts,
                                    ConcurrentLinkedQueue<String> failures) {
        Route route = ROUTES.get(random.nextInt(ROUTES.size()));
        String path = mutatePath(route.path(), random);
        String described;
        HttpRequest request;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
            int auth = random.nextInt(10);
            if (auth < 8) {
                b.header("authorization", "Bearer " + RunningSluice.KEY);
            } else if (auth == 8) {
                b.header("authorization", "Bearer sk-" + "x".repeat(random.nextInt(300)));
            }
            if (route.body() == null) {
                String method = random.nextInt(8) == 0 ? "DELETE" : "GET";
                b.method(method, HttpRequest.BodyPublishers.noBody());
                described = method + " " + path;
            } else {
                byte[] body = mutateBody(route.body(), random);
                b.header("content-type", random.nextInt(10) == 0 ? "text/plain" : "application/json");
                b.method(route.method(), HttpRequest.BodyPublishers.ofByteArray(body));
                described = route.method() + " " + path + " " + preview(body);
            }
            request = b.build();
        } catch (IllegalArgumentException notAUri) {
            counts.computeIfAbsent("not sent (client refused the URI)", k -> new AtomicInteger()).incrementAndGet();
            return;
        }
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            check(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body(), described, counts,
                    failures);
        } catch (Exception e) {
            failures.add(described + " -> no answer: " + e);
        }
    }

    private static void check(int status, String contentType, byte[] body, String described,
                              Map<String, AtomicInteger> counts, ConcurrentLinkedQueue<String> failures) {
        counts.computeIfAbsent(Integer.toString(status), k -> new AtomicInteger()).incrementAndGet();
        if (status >= 500) {
            failures.add(described + " -> " + status + " " + preview(body));
            return;
        }
        if (status >= 400) {
            boolean json = contentType.contains("json");
            if (json) {
                try {
                    Json.parse(body);
                } catch (Exception e) {
                    json = false;
                }
            }
            if (!json) {
                failures.add(described + " -> " + status + " without a JSON body (" + contentType + "): "
                        + preview(body));
            }
        }
    }

    private static String mutatePath(String path, Random random) {
        StringBuilder p = new StringBuilder(path);
        switch (random.nextInt(8)) {
            case 0 -> p.replace(0, p.length(), path.replace("sim-echo", enc(pick(HOSTILE, random))));
            case 1 -> p.replace(0, p.length(), path.replace("fuzz-run", enc(pick(HOSTILE, random))));
            case 2 -> p.replace(0, p.length(), path.replace("req_01a236bde2cdbd6ca03ded371886b61a",
                    enc(pick(HOSTILE, random))));
            case 3 -> p.append(path.contains("?") ? "&" : "?").append(query(random));
            case 4 -> p.append("?").append(query(random)).append("&").append(query(random));
            case 5 -> p.append(pick(new String[] {"/", "//", "/x", "%2F", "/..", "?", "#"}, random));
            default -> { }
        }
        return p.toString();
    }

    private static String query(Random random) {
        return pick(QUERY_KEYS, random) + "=" + enc(pick(HOSTILE, random));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] mutateBody(String valid, Random random) {
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        int kind = random.nextInt(14);
        switch (kind) {
            case 0: // cut short
                return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 1: { // bytes flipped
                byte[] b = bytes.clone();
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                return b;
            }
            case 2: // a NUL inside a string
                return valid.replaceFirst("\"hi\"", "\"h\\\\u0000i\"").replaceFirst("\"x\"", "\"\u0000\"")
                        .getBytes(StandardCharsets.UTF_8);
            case 3: { // invalid UTF-8
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int at = valid.indexOf("hi");
                at = at < 0 ? bytes.length / 2 : at;
                out.write(bytes, 0, at);
                out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80,
                    (byte) 0xFF});
                out.write(bytes, at, bytes.length - at);
                return out.toByteArray();
            }
            case 4: // a value of the wrong type
                return wrongType(valid, random).getBytes(StandardCharsets.UTF_8);
            case 5: // deep nesting
                return ("{\"model\":\"sim-echo\",\"messages\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}")
                        .getBytes(StandardCharsets.UTF_8);
            case 6: // huge and odd numbers
                return valid.replaceAll("\\b20\\b", pick(new String[] {"1e400", "-1", "99999999999999999999999",
                    "0.5", "-0", "1E+2"}, random)).replaceAll("0\\.5|0\\.2", pick(new String[] {"1e400", "-7",
                    "\"warm\"", "null"}, random)).getBytes(StandardCharsets.UTF_8);
            case 7: // not JSON at all
                return pick(new String[] {"", " ", "null", "[]", "\"x\"", "42", "true", "{", "}", "{}", "{\"a\":}",
                    "<xml/>", "model=sim-echo", "\u0000\u0000", "{\"model\":\"sim-echo\"}{}"}, random)
                        .getBytes(StandardCharsets.UTF_8);
            case 8: // duplicate keys
                return valid.replaceFirst("\\{", "{\"model\":1,\"messages\":{},").getBytes(StandardCharsets.UTF_8);
            case 9: // a long string (within the body limit)
                return valid.replaceFirst("\"hi\"", "\"" + "a".repeat(200_000 + random.nextInt(200_000)) + "\"")
                        .getBytes(StandardCharsets.UTF_8);
            case 10: // unknown model, roles and block types
                return valid.replace("sim-echo", pick(new String[] {"nope", "", " ", "../sim-echo", "SIM-ECHO"},
                        random)).replace("\"user\"", "\"" + pick(new String[] {"robot", "", "tool", "function"},
                        random) + "\"").replace("\"text\"", "\"" + pick(new String[] {"image", "document",
                        "tool_use", "x"}, random) + "\"").getBytes(StandardCharsets.UTF_8);
            case 11: // fields dropped
                return valid.replaceFirst("\"messages\":\\[[^]]*]\\]?,?", "").replaceFirst(",\"max_tokens\":20", "")
                        .getBytes(StandardCharsets.UTF_8);
            case 12: { // many array items
                int n = 1 + random.nextInt(5000);
                return valid.replaceFirst("\\[\\{\"role\":\"user\"", "[" + "{\"role\":\"user\",\"content\":\"x\"},"
                        .repeat(n) + "{\"role\":\"user\"").getBytes(StandardCharsets.UTF_8);
            }
            default:
                return bytes;
        }
    }

    private static String wrongType(String valid, Random random) {
        String[] replacements = {"123", "\"str\"", "[]", "{}", "null", "true", "[1,2]", "{\"a\":{}}"};
        String r = pick(replacements, random);
        String[] fields = {"model", "messages", "content", "role", "max_tokens", "stream", "input", "system",
            "tools", "temperature", "inferenceConfig", "score", "request_id", "runId", "text", "dimensions"};
        String field = pick(fields, random);
        return valid.replaceFirst("(\"" + field + "\":)(\"[^\"]*\"|\\d+(\\.\\d+)?|true|false|\\[[^]]*]|\\{[^}]*})",
                "$1" + java.util.regex.Matcher.quoteReplacement(r));
    }

    // ---- raw bytes on the socket ----

    private static void oneRawCase(int port, Random random, Map<String, AtomicInteger> counts,
                                   ConcurrentLinkedQueue<String> failures) {
        Route route = ROUTES.get(random.nextInt(ROUTES.size()));
        String body = route.body() == null ? "" : route.body();
        String request = route.method() + " " + route.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + RunningSluice.KEY + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n"
                + body;
        byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
        int headerEnd = request.indexOf("\r\n\r\n");
        switch (random.nextInt(6)) {
            case 0 -> { // a byte of the head changed
                for (int i = 0; i < 1 + random.nextInt(3); i++) {
                    bytes[random.nextInt(headerEnd)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> bytes = request.replaceFirst("Content-Length: \\d+", "Content-Length: "
                    + pick(new String[] {"-1", "abc", "99999999999999999999", "1, 2", ""}, random))
                    .getBytes(StandardCharsets.UTF_8);
            case 2 -> bytes = request.replaceFirst("Content-Length: \\d+\r\n", "Transfer-Encoding: chunked\r\n")
                    .replace("\r\n\r\n" + body, "\r\n\r\n" + pick(new String[] {"zz\r\n", "5\r\nab\r\n0\r\n\r\n",
                        "-1\r\n", "ffffffffffffffff\r\n", "0\r\nX: y\r\n"}, random))
                    .getBytes(StandardCharsets.UTF_8);
            case 3 -> bytes = request.replaceFirst("HTTP/1.1", pick(new String[] {"HTTP/1.0", "HTTP/9.9", "HTTP/1",
                "http/1.1", "HTTP/1.1 extra", ""}, random)).getBytes(StandardCharsets.UTF_8);
            case 4 -> bytes = request.replaceFirst("Host: 127.0.0.1\r\n", "Host: 127.0.0.1\r\n"
                    + pick(new String[] {"X: \u0000\r\n", "Bad Header\r\n", ": empty\r\n", " folded\r\n",
                        "X: " + "v".repeat(70_000) + "\r\n", "Host: second\r\n"}, random))
                    .getBytes(StandardCharsets.UTF_8);
            // stops mid-way (after at least one byte: a connection that sends nothing is idle, and the idle timeout
            // closes it, silently, as it should)
            default -> bytes = java.util.Arrays.copyOf(bytes, 1 + random.nextInt(bytes.length - 1));
        }
        String described = "raw " + preview(bytes);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] answer = readAll(in);
            if (answer.length == 0) { // a request came (a byte at least) and no answer: a dropped connection
                counts.computeIfAbsent("closed", k -> new AtomicInteger()).incrementAndGet();
                failures.add(described + " -> closed without an answer");
                return;
            }
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            if (!text.startsWith("HTTP/1.")) {
                failures.add(described + " -> not an HTTP answer: " + preview(answer));
                return;
            }
            int status = Integer.parseInt(text.substring(9, 12));
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String contentType = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:")).findFirst()
                    .orElse("");
            byte[] answerBody = split < 0 ? new byte[0] : java.util.Arrays.copyOfRange(answer, split + 4,
                    answer.length);
            if (head.toLowerCase().contains("transfer-encoding: chunked") || status < 400) {
                counts.computeIfAbsent(Integer.toString(status), k -> new AtomicInteger()).incrementAndGet();
                if (status >= 500) {
                    failures.add(described + " -> " + status);
                }
                return; // a success (streams are chunked): its body is not an error body
            }
            check(status, contentType, answerBody, described, counts, failures);
        } catch (SocketTimeoutException e) {
            failures.add(described + " -> no answer within 5 s");
        } catch (java.io.IOException e) {
            // a connection reset after an answer that refused the rest of the request (431, 413) may lose the
            // answer on the client's side; counted, not failed
            counts.computeIfAbsent("reset", k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /**
     * Everything until the server closes; or, when a mutation turned {@code Connection: close} into something else
     * and the answer came but the connection stays open, what came within the read timeout.
     */
    private static byte[] readAll(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        try {
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            if (out.size() == 0) {
                throw e;
            }
        }
        return out.toByteArray();
    }

    private static String pick(String[] options, Random random) {
        return options[random.nextInt(options.length)];
    }

    private static String preview(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(bytes.length, 160), StandardCharsets.UTF_8)
                .replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
        return bytes.length > 160 ? s + "... (" + bytes.length + " bytes)" : s;
    }
}
