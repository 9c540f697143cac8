package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code telemetry.otlp} set, a call through Sluice reaches an OTLP/HTTP receiver as spans named after the
 * operation and model, in the caller's trace.
 */
class TracingEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void aCallIsExportedAsSpansInTheCallersTrace() throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        HttpServer otlp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        otlp.createContext("/v1/traces", exchange -> {
            synchronized (received) {
                received.write(exchange.getRequestBody().readAllBytes());
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        otlp.start();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        try (RunningSluice sluice = new RunningSluice("""
                storage: none
                telemetry: {otlp: {endpoint: 'http://127.0.0.1:%d', service_name: sluice-e2e}}
                providers: [{id: sim, type: simulator}]
                models: [{name: sim-echo, provider: sim, options: {reply: echo}}]
                """.formatted(otlp.getAddress().getPort()), dir)) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(sluice.baseUrl() + "/v1/chat/completions"))
                    .header("authorization", "Bearer " + RunningSluice.KEY)
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"sim-echo\",\"messages\":"
                            + "[{\"role\":\"user\",\"content\":\"trace me\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        } finally {
            otlp.stop(0);
        }
        String export;
        synchronized (received) {
            export = received.toString(StandardCharsets.ISO_8859_1);
        }
        assertThat(export).as("spans flushed at shutdown").contains("chat sim-echo").contains("sluice-e2e")
                .contains("gen_ai.operation.name").contains("gen_ai.usage.output_tokens");
        assertThat(export).as("the caller's trace id, as raw bytes").contains(hexToLatin1(traceId));
    }

    private static String hexToLatin1(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
