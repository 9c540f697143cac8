package dev.sluice.gateway.config;

import java.nio.file.Path;

/**
 * The {@code server} section.
 *
 * @param masterKey the admin key, also accepted from clients until virtual keys exist; null means generate one
 * @param maxBodyBytes the largest request body accepted on public routes
 * @param tls the certificate and key to serve HTTPS with (HTTP/2 and HTTP/1.1 by ALPN), or null for cleartext
 */
public record ServerConfig(String host, int port, String masterKey, long maxBodyBytes, Tls tls) {
    public static final int DEFAULT_PORT = 4000;
    public static final long DEFAULT_MAX_BODY = 8L * 1024 * 1024;

    /** PEM files: the certificate chain and its PKCS#8 private key. */
    public record Tls(Path certFile, Path keyFile) { }

    public ServerConfig(String host, int port, String masterKey, long maxBodyBytes) {
        this(host, port, masterKey, maxBodyBytes, null);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, masterKey, maxBodyBytes, tls);
    }
}
