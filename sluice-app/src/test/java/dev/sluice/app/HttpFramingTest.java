package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP edge on the wire, as a raw socket sees it: requests that are not valid HTTP get a 4xx with a JSON body in
 * the path's API shape and the connection is closed (nothing after a framing error is ever run); HTTP/1.0 gets an
 * HTTP/1.0 answer; oversized request lines and headers get 414 and 431.
 */
class HttpFramingTest {

    @TempDir
    static Path dir;
    static RunningSluice sluice;

    @BeforeAll
    static void start() {
        sluice = new RunningSluice("""
                server: {port: 0, host: 127.0.0.1, master_key: sk-test-master-key, max_body_bytes: 4096}
                storage: none
                providers: [{id: sim, type: simulator}]
                models: [{name: sim-echo, provider: sim, options: {reply: echo}}]
                """, dir);
    }

    @AfterAll
    static void stop() {
        sluice.close();
    }

    /** Sends raw bytes and reads until the server closes the connection (or 10 s pass). */
    private static String exchange(String raw) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", sluice.port()), 2000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] b = new byte[8192];
            int n;
            while ((n = in.read(b)) >= 0) {
                out.write(b, 0, n);
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static int responses(String wire) {
        return wire.split("HTTP/1\\.[01] \\d{3}", -1).length - 1;
    }

    private static JsonNode body(String wire) throws IOException {
        return Json.parse(wire.substring(wire.indexOf("\r\n\r\n") + 4));
    }

    @Test
    void aChunkedBodyOverTheLimitIs413NotADroppedConnection() throws Exception {
        String chunk = "x".repeat(3000);
        String wire = exchange("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer "
                + RunningSluice.KEY + "\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
                + "bb8\r\n" + chunk + "\r\nbb8\r\n" + chunk + "\r\n0\r\n\r\n");
        assertThat(wire).startsWith("HTTP/1.1 413");
        assertThat(body(wire).path("error").path("message").asText()).contains("4096");
    }

    @Test
    void aBodylessRouteWithABrokenChunkedBodyIsAnsweredNotDropped() throws Exception {
        for (String chunks : new String[] {"zz\r\n", "5\r\nab\r\n0\r\n\r\n", "-1\r\n", "ffffffffffffffff\r\n"}) {
            String wire = exchange("GET /v1/models HTTP/1.1\r\nhost: x\r\nauthorization: Bearer " + RunningSluice.KEY
                    + "\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n" + chunks);
            assertThat(wire).as(chunks).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
        }
    }

    @Test
    void anUnknownHttpVersionIs400InHttp11AndTheConnectionCloses() throws Exception {
        for (String version : new String[] {"HTTP/9.9", "HTTP/1.2", "HTTP/2.0"}) {
            String wire = exchange("GET /v1/models " + version + "\r\nhost: x\r\nauthorization: Bearer "
                    + RunningSluice.KEY + "\r\n\r\nGET /v1/models HTTP/1.1\r\nhost: x\r\n\r\n");
            assertThat(wire).as(version).startsWith("HTTP/1.1 400");
            assertThat(responses(wire)).as(version + ": one answer, then the connection is closed").isEqualTo(1);
            assertThat(body(wire).path("error").path("type").asText()).isEqualTo("invalid_request_error");
        }
    }

    @Test
    void afterABadChunkSizeTheConnectionClosesAndTheSmuggledRequestNeverRuns() throws Exception {
        String wire = exchange("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer "
                + RunningSluice.KEY + "\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
                + "zz\r\n{}\r\n0\r\n\r\n"
                + "GET /v1/models HTTP/1.1\r\nhost: x\r\nauthorization: Bearer " + RunningSluice.KEY + "\r\n\r\n");
        assertThat(wire).startsWith("HTTP/1.1 400");
        assertThat(responses(wire)).as("one answer, then the connection is closed").isEqualTo(1);
        assertThat(wire).doesNotContain("\"object\":\"list\"");
        assertThat(body(wire).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void anHttp10RequestGetsAnHttp10AnswerAndTheConnectionCloses() throws Exception {
        String wire = exchange("GET /health HTTP/1.0\r\n\r\n");
        assertThat(wire).startsWith("HTTP/1.0 200");
        assertThat(wire).contains("{\"status\":\"ok\"}");
        assertThat(wire.toLowerCase()).contains("x-request-id:");
    }

    @Test
    void anHttp10PostIsAnswered() throws Exception {
        String body = "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"ten\"}]}";
        String wire = exchange("POST /v1/chat/completions HTTP/1.0\r\nauthorization: Bearer " + RunningSluice.KEY
                + "\r\ncontent-type: application/json\r\ncontent-length: " + body.length() + "\r\n\r\n" + body);
        assertThat(wire).startsWith("HTTP/1.0 200");
        assertThat(body(wire).path("choices").get(0).path("message").path("content").asText()).isEqualTo("ten");
    }

    @Test
    void aRequestLineOver8KiBIs414WithAJsonBody() throws Exception {
        String wire = exchange("GET /v1/models?x=" + "a".repeat(9000) + " HTTP/1.1\r\nhost: x\r\n\r\n");
        assertThat(wire).startsWith("HTTP/1.1 414");
        assertThat(body(wire).path("error").path("message").asText()).contains("request line");
        assertThat(responses(wire)).isEqualTo(1);
    }

    @Test
    void headersOverTheLimitAre431WithAJsonBody() throws Exception {
        String wire = exchange("GET /health HTTP/1.1\r\nhost: x\r\nx-big: " + "b".repeat(20_000) + "\r\n\r\n");
        assertThat(wire).startsWith("HTTP/1.1 431");
        assertThat(body(wire).path("error").path("message").asText()).contains("headers");
    }

    @Test
    void garbageIsA400InTheShapeOfThePathItNames() throws Exception {
        String wire = exchange("POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-length: -5\r\n\r\n");
        assertThat(wire).startsWith("HTTP/1.1 400");
        assertThat(body(wire).path("type").asText()).as("the Anthropic error shape").isEqualTo("error");
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413BeforeItIsSentAndTheConnectionCloses() throws Exception {
        String wire = exchange("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer "
                + RunningSluice.KEY + "\r\ncontent-length: 100000\r\n\r\n{");
        assertThat(wire).startsWith("HTTP/1.1 413");
        assertThat(body(wire).path("error").path("message").asText()).contains("4096");
    }

    @Test
    void aPathSegmentThatIsNotPercentEncodingIsA400AndAnEscapedPercentIsDecodedOnce() throws Exception {
        String auth = "authorization: Bearer " + RunningSluice.KEY + "\r\n";
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}";
        String bad = exchange("POST /model/%zz/converse HTTP/1.1\r\nhost: x\r\n" + auth + "content-length: "
                + body.length() + "\r\nconnection: close\r\n\r\n" + body);
        assertThat(bad).startsWith("HTTP/1.1 400");
        assertThat(bad.toLowerCase()).contains("x-amzn-errortype: validationexception");
        String once = exchange("POST /model/%25zz/converse HTTP/1.1\r\nhost: x\r\n" + auth + "content-length: "
                + body.length() + "\r\nconnection: close\r\n\r\n" + body);
        assertThat(once).startsWith("HTTP/1.1 404");
        assertThat(body(once).path("message").asText()).as("decoded once: %25 is a percent sign").contains("'%zz'");
    }
}
