package dev.sluice.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.http.Endpoint;
import dev.sluice.spi.http.UpstreamRequest;
import io.netty.channel.EventLoop;
import java.io.FileInputStream;
import java.io.InputStream;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** HTTP/2 to upstreams: h2c with prior knowledge and by upgrade, and ALPN over TLS, each with its fallbacks. */
class Http2ClientTest {

    private static final EventLoops LOOPS = new EventLoops(2);
    private static final UpstreamClient TRUSTING = new UpstreamClient(LOOPS,
            new UpstreamClient.Options(16, java.time.Duration.ofSeconds(60), testCa()));
    private static final UpstreamClient DEFAULT_TRUST = new UpstreamClient(LOOPS, UpstreamClient.Options.DEFAULT);

    private final EventLoop loop = LOOPS.next();

    @AfterAll
    static void stop() {
        LOOPS.close();
    }

    static TrustManagerFactory testCa() {
        try (InputStream in = new FileInputStream("src/test/resources/tls/ca.pem")) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<UpstreamClientTest.Answer> sendMany(UpstreamClient client, Endpoint endpoint, int n) {
        List<UpstreamClientTest.Answer> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(new UpstreamClientTest.Answer());
        }
        loop.execute(() -> answers.forEach(a -> client.send(UpstreamRequest.post(endpoint, "/v1/x",
                Map.of("content-type", "application/json"), "{}".getBytes(), false), new LoopAttempt(loop), a)));
        return answers;
    }

    private static Endpoint endpoint(boolean tls, String host, int port, Endpoint.HttpVersion v) {
        return new Endpoint(tls, host, port, "", v);
    }

    @Test
    void withPriorKnowledgeConcurrentExchangesShareOneHttp2Connection() throws Exception {
        try (TestHttpServer server = new TestHttpServer(LOOPS, TestHttpServer.Mode.H2C)) {
            var answers = sendMany(TRUSTING, endpoint(false, "127.0.0.1", server.port(), Endpoint.HttpVersion.HTTP_2),
                    5);
            for (var a : answers) {
                assertThat(a.await()).contains("\"protocol\":\"h2\"").contains("/v1/x");
            }
            assertThat(server.connections.get()).isEqualTo(1);
        }
    }

    @Test
    void anH2cUpgradeMovesTheConnectionToHttp2() throws Exception {
        try (TestHttpServer server = new TestHttpServer(LOOPS, TestHttpServer.Mode.H2C)) {
            Endpoint e = endpoint(false, "127.0.0.1", server.port(), Endpoint.HttpVersion.H2C_UPGRADE);
            for (var a : sendMany(TRUSTING, e, 3)) {
                assertThat(a.await()).contains("\"protocol\":\"h2\"");
            }
            assertThat(server.connections.get()).isEqualTo(1);
        }
    }

    @Test
    void anUpstreamThatRefusesTheUpgradeIsSpokenToInHttp1() throws Exception {
        try (TestHttpServer server = new TestHttpServer(LOOPS, TestHttpServer.Mode.HTTP1)) {
            Endpoint e = endpoint(false, "127.0.0.1", server.port(), Endpoint.HttpVersion.H2C_UPGRADE);
            assertThat(sendMany(TRUSTING, e, 1).getFirst().await()).contains("\"protocol\":\"http/1.1\"");
            assertThat(sendMany(TRUSTING, e, 1).getFirst().await()).contains("\"protocol\":\"http/1.1\"");
            assertThat(server.connections.get()).as("the refused connection is kept as HTTP/1.1").isEqualTo(1);
        }
    }

    @Test
    void overTlsAlpnNegotiatesHttp2() throws Exception {
        try (TestHttpServer server = new TestHttpServer(LOOPS, TestHttpServer.Mode.TLS_H2)) {
            Endpoint e = endpoint(true, "localhost", server.port(), Endpoint.HttpVersion.HTTP_2);
            for (var a : sendMany(TRUSTING, e, 4)) {
                assertThat(a.await()).contains("\"protocol\":\"h2\"");
            }
            assertThat(server.connections.get()).isEqualTo(1);
        }
    }

    @Test
    void overTlsAnUpstreamThatPicksHttp1IsSpokenToInHttp1() throws Exception {
        try (TestHttpServer server = new TestHttpServer(LOOPS, TestHttpServer.Mode.TLS_HTTP1)) {
            Endpoint e = endpoint(true, "localhost", server.port(), Endpoint.HttpVersion.HTTP_2);
            assertThat(sendMany(TRUSTING, e, 1).getFirst().await()).contains("\"protocol\":\"http/1.1\"");
            assertThat(sendMany(TRUSTING, e, 1).getFirst().await()).contains("\"protocol\":\"http/1.1\"");
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        try (TestHttpServer server = new TestHttpServer(LOOPS, TestHttpServer.Mode.TLS_H2, "127.0.0.2")) {
            // the server listens on 127.0.0.2 (loopback too), but its certificate names only localhost and 127.0.0.1
            for (Endpoint.HttpVersion v : List.of(Endpoint.HttpVersion.HTTP_1_1, Endpoint.HttpVersion.HTTP_2)) {
                Throwable failure = sendMany(TRUSTING, endpoint(true, "127.0.0.2", server.port(), v), 1).getFirst()
                        .failure();
                assertThat(failure).isInstanceOfSatisfying(GatewayException.class, g -> {
                    assertThat(g.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
                    assertThat(g.error().message()).contains("TLS with provider 'up' failed");
                });
            }
        }
    }

    @Test
    void aCertificateFromAnUntrustedAuthorityIsRefused() throws Exception {
        try (TestHttpServer server = new TestHttpServer(LOOPS, TestHttpServer.Mode.TLS_H2)) {
            Throwable failure = sendMany(DEFAULT_TRUST, endpoint(true, "localhost", server.port(),
                    Endpoint.HttpVersion.HTTP_1_1), 1).getFirst().failure();
            assertThat(failure).isInstanceOfSatisfying(GatewayException.class,
                    g -> assertThat(g.error().message()).contains("TLS with provider 'up' failed"));
        }
    }

    @Test
    void tlsOverHttp1WorksWithTheTrustedCertificate() throws Exception {
        try (TestHttpServer server = new TestHttpServer(LOOPS, TestHttpServer.Mode.TLS_HTTP1)) {
            assertThat(sendMany(TRUSTING, endpoint(true, "localhost", server.port(), Endpoint.HttpVersion.HTTP_1_1),
                    1).getFirst().await()).contains("http/1.1");
        }
    }

    static <T> T within(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }
}
