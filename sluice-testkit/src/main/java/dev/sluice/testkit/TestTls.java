package dev.sluice.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Test-only TLS material: a certificate for {@code localhost} and {@code 127.0.0.1} signed by a throw-away CA whose
 * key was discarded (see {@code tls/README.md} next to this class), and clients that trust that CA.
 */
public final class TestTls {

    private TestTls() { }

    /** Writes the server certificate and key into {@code dir}; returns {cert, key}. */
    public static Path[] serverFiles(Path dir) {
        try {
            Path cert = dir.resolve("server.pem");
            Path key = dir.resolve("server.key");
            copy("tls/server.pem", cert);
            copy("tls/server.key", key);
            return new Path[] {cert, key};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Trusts the test CA only. */
    public static TrustManagerFactory trust() {
        try (InputStream in = TestTls.class.getResourceAsStream("tls/ca.pem")) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the test CA", e);
        }
    }

    /** An SSL context for clients (e.g. the JDK's HttpClient) that trusts the test CA only. */
    public static SSLContext clientContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trust().getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = TestTls.class.getResourceAsStream(resource)) {
            Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
