package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client connections have deadlines and a cap: an idle connection (HTTP/1.1 or HTTP/2) is closed after the idle
 * timeout; a request whose headers or body do not arrive in time (stopped midway, trickled byte by byte, a
 * Content-Length longer than what is sent) gets a 408 in the path's error shape and the connection closes; past the
 * cap a connection is refused with a 503 JSON error and the server goes on serving the others; {@code /ready} says
 * when it is at the cap.
 */
class ConnectionLimitsTest {

    @TempDir
    static Path dir;
    static RunningSluice quick;
    static RunningSluice capped;

    @BeforeAll
    static void start() {
        quick = new RunningSluice("""
                server: {port: 0, host: 127.0.0.1, master_key: sk-test-master-key, idle_timeout_ms: 400,
                         header_timeout_ms: 400, body_timeout_ms: 400}
                storage: none
                providers: [{id: sim, type: simulator}]
                models: [{name: sim-echo, provider: sim, options: {reply: echo}}]
                """, dir.resolve("quick"));
        capped = new RunningSluice("""
                server: {port: 0, host: 127.0.0.1, master_key: sk-test-master-key, max_connections: 3}
                storage: none
                providers: [{id: sim, type: simulator}]
                models: [{name: sim-echo, provider: sim, options: {reply: echo}}]
                """, dir.resolve("capped"));
    }

    @AfterAll
    static void stop() {
        quick.close();
        capped.close();
    }

    private static Socket connect(RunningSluice sluice) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", sluice.port()), 2000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** Everything until the server closes; fails (a timeout) if it has not closed within 10 s. */
    private static String untilClosed(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        int n;
        try {
            while ((n = in.read(b)) >= 0) {
                out.write(b, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for 10 s; it sent: "
                    + out.toString(StandardCharsets.ISO_8859_1), e);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** One keep-alive response (headers and a Content-Length body) read off the socket. */
    private static String oneResponse(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!out.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
            int c = in.read();
            assertThat(c).as("the connection closed before a response arrived").isNotNegative();
            out.write(c);
        }
        String head = out.toString(StandardCharsets.ISO_8859_1);
        int length = Integer.parseInt(head.toLowerCase().split("content-length: ")[1].split("\r\n")[0].trim());
        return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    private static void send(Socket s, String raw) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static JsonNode body(String wire) throws IOException {
        return Json.parse(wire.substring(wire.indexOf("\r\n\r\n") + 4));
    }

    @Test
    void aConnectionThatNeverSendsIsClosedAfterTheIdleTimeout() throws Exception {
        try (Socket s = connect(quick)) {
            assertThat(untilClosed(s)).isEmpty();
        }
    }

    @Test
    void aKeepAliveConnectionIsClosedOnceIdleAfterItsAnswer() throws Exception {
        try (Socket s = connect(quick)) {
            send(s, "GET /health HTTP/1.1\r\nhost: x\r\n\r\n");
            assertThat(oneResponse(s)).startsWith("HTTP/1.1 200");
            assertThat(untilClosed(s)).isEmpty();
        }
    }

    @Test
    void headersThatStopMidwayGet408AndTheConnectionCloses() throws Exception {
        try (Socket s = connect(quick)) {
            send(s, "GET /v1/models HTTP/1.1\r\nhost: x\r\n");
            String wire = untilClosed(s);
            assertThat(wire).startsWith("HTTP/1.1 408");
            assertThat(body(wire).path("error").path("message").asText()).contains("did not arrive in time");
        }
    }

    @Test
    void headersTrickledByteByByteGet408EvenThoughBytesKeepComing() throws Exception {
        try (Socket s = connect(quick)) {
            send(s, "GET /health HTTP/1.1\r\nhost: x\r\nx-slow: ");
            String wire = null;
            for (int i = 0; i < 200 && wire == null; i++) { // 10 s of one byte every 50 ms, if never cut off
                try {
                    send(s, "a");
                } catch (IOException closed) {
                    wire = untilClosed(s);
                    break;
                }
                Thread.sleep(50);
                if (s.getInputStream().available() > 0) {
                    wire = untilClosed(s);
                }
            }
            assertThat(wire).as("answered while the headers were still coming").isNotNull();
            assertThat(wire).startsWith("HTTP/1.1 408");
        }
    }

    @Test
    void aBodyShorterThanItsContentLengthGets408InTheCallersShape() throws Exception {
        try (Socket s = connect(quick)) {
            send(s, "POST /v1/messages HTTP/1.1\r\nhost: x\r\nx-api-key: " + RunningSluice.KEY
                    + "\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"model\":");
            String wire = untilClosed(s);
            assertThat(wire).startsWith("HTTP/1.1 408");
            JsonNode error = body(wire);
            assertThat(error.path("type").asText()).as("the Anthropic error shape").isEqualTo("error");
            assertThat(error.path("error").path("message").asText()).contains("did not arrive in time");
        }
    }

    @Test
    void anIdleHttp2ConnectionGetsGoawayAndIsClosed() throws Exception {
        try (Socket s = connect(quick)) {
            byte[] preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] settings = {0, 0, 0, 4, 0, 0, 0, 0, 0}; // an empty SETTINGS frame
            s.getOutputStream().write(preface);
            s.getOutputStream().write(settings);
            s.getOutputStream().flush();
            byte[] wire = untilClosed(s).getBytes(StandardCharsets.ISO_8859_1);
            List<Integer> frameTypes = new ArrayList<>();
            for (int at = 0; at + 9 <= wire.length; ) {
                int length = (wire[at] & 0xff) << 16 | (wire[at + 1] & 0xff) << 8 | wire[at + 2] & 0xff;
                frameTypes.add(wire[at + 3] & 0xff);
                at += 9 + length;
            }
            assertThat(frameTypes).as("SETTINGS first, GOAWAY (7) before the close").startsWith(4).contains(7);
        }
    }

    @Test
    void pastTheCapAConnectionGets503AndTheOthersAreStillServed() throws Exception {
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket s = connect(capped);
                open.add(s);
                send(s, "GET /health HTTP/1.1\r\nhost: x\r\n\r\n");
                assertThat(oneResponse(s)).startsWith("HTTP/1.1 200"); // now surely counted
            }
            try (Socket refused = connect(capped)) {
                send(refused, "GET /health HTTP/1.1\r\nhost: x\r\n\r\n");
                String wire = untilClosed(refused);
                assertThat(wire).startsWith("HTTP/1.1 503");
                assertThat(wire.toLowerCase()).contains("retry-after: 1");
                assertThat(body(wire).path("error").path("message").asText()).contains("too many connections");
            }
            for (Socket s : open) {
                send(s, "GET /v1/models HTTP/1.1\r\nhost: x\r\nauthorization: Bearer " + RunningSluice.KEY
                        + "\r\n\r\n");
                assertThat(oneResponse(s)).startsWith("HTTP/1.1 200");
            }
            open.removeFirst().close();
            String served = null;
            for (int i = 0; i < 100 && (served == null || !served.startsWith("HTTP/1.1 200")); i++) {
                try (Socket again = connect(capped)) { // the close is counted as soon as the server reads it
                    send(again, "GET /health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
                    served = untilClosed(again);
                }
                Thread.sleep(20);
            }
            assertThat(served).as("a freed place is taken again").startsWith("HTTP/1.1 200");
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    @Test
    void readySaysWhenTheServerIsAtItsCap() throws Exception {
        try (Socket s = connect(quick)) {
            send(s, "GET /ready HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
            String wire = untilClosed(s);
            assertThat(wire).startsWith("HTTP/1.1 200");
            assertThat(body(wire).path("status").asText()).isEqualTo("ready");
        }
        List<Socket> open = new ArrayList<>();
        try (RunningSluice three = new RunningSluice("""
                server: {port: 0, host: 127.0.0.1, master_key: sk-test-master-key, max_connections: 3}
                storage: none
                providers: [{id: sim, type: simulator}]
                models: [{name: sim-echo, provider: sim, options: {reply: echo}}]
                """, dir.resolve("three"))) {
            for (int i = 0; i < 2; i++) {
                Socket s = connect(three);
                open.add(s);
                send(s, "GET /health HTTP/1.1\r\nhost: x\r\n\r\n");
                assertThat(oneResponse(s)).startsWith("HTTP/1.1 200");
            }
            try (Socket s = connect(three)) {
                send(s, "GET /ready HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
                String wire = untilClosed(s);
                assertThat(wire).startsWith("HTTP/1.1 503");
                assertThat(body(wire).path("status").asText()).isEqualTo("not_ready");
                assertThat(body(wire).path("reason").asText()).contains("connection cap");
            }
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
