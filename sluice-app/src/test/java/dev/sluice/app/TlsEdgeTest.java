package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.TestTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code server.tls} set, Sluice serves HTTPS: HTTP/2 or HTTP/1.1 as the client asks by ALPN. */
class TlsEdgeTest {

    @TempDir
    static Path dir;
    static RunningSluice sluice;

    @BeforeAll
    static void start() {
        Path[] files = TestTls.serverFiles(dir);
        sluice = new RunningSluice("""
                server: {port: 0, host: 127.0.0.1, master_key: sk-test-master-key,
                         tls: {cert_file: %s, key_file: %s}}
                storage: none
                providers: [{id: sim, type: simulator}]
                models: [{name: sim-echo, provider: sim, options: {reply: echo}}]
                """.formatted(files[0].getFileName(), files[1].getFileName()), dir);
    }

    @AfterAll
    static void stop() {
        sluice.close();
    }

    private static HttpResponse<String> chat(HttpClient.Version version) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(version).sslContext(TestTls.clientContext()).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + sluice.port()
                        + "/v1/chat/completions"))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"sim-echo\",\"messages\":"
                        + "[{\"role\":\"user\",\"content\":\"over tls\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientThatOffersHttp2GetsItOverTls() throws Exception {
        HttpResponse<String> r = chat(HttpClient.Version.HTTP_2);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(r.body()).contains("over tls");
    }

    @Test
    void aClientThatOffersOnlyHttp1GetsHttp1OverTls() throws Exception {
        HttpResponse<String> r = chat(HttpClient.Version.HTTP_1_1);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    void aCleartextRequestToTheTlsPortGetsNoAnswer() throws Exception {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> r = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sluice.port()
                    + "/health")).timeout(java.time.Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("no HTTP answer in cleartext on a TLS port").isNotEqualTo(200);
        } catch (java.io.IOException expected) {
            // the TLS handshake fails and the connection closes
        }
    }
}
