package dev.sluice.gateway.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code server} section.
 *
 * @param masterKey the admin key, also accepted from clients until virtual keys exist; null means generate one
 * @param maxBodyBytes the largest request body accepted on public routes
 * @param tls the certificate and key to serve HTTPS with (HTTP/2 and HTTP/1.1 by ALPN), or null for cleartext
 * @param connections the limits on client connections
 * @param encryptionKey what secrets stored for reading back (key pairs' secrets) are sealed with, or null to use the
 *     master key
 * @param busyPoll the longest an event loop keeps polling its sockets after its last work before it sleeps, while
 *     wake-ups come that soon ({@code busy_poll_us}, default {@link #DEFAULT_BUSY_POLL}; zero: it sleeps at once);
 *     see {@code EventLoops}
 */
public record ServerConfig(String host, int port, String masterKey, long maxBodyBytes, Tls tls,
                           Connections connections, String encryptionKey, Duration busyPoll) {
    public static final int DEFAULT_PORT = 4000;
    public static final long DEFAULT_MAX_BODY = 8L * 1024 * 1024;
    /** KVM's default for halt polling, the same trade: a wake-up's cost on a VM against a moment of a core. */
    public static final Duration DEFAULT_BUSY_POLL = Duration.ofNanos(200_000);

    /** PEM files: the certificate chain and its PKCS#8 private key. */
    public record Tls(Path certFile, Path keyFile) { }

    /**
     * How long a client connection may take, and how many there may be.
     *
     * @param idle how long a connection may wait between requests ({@code idle_timeout_ms}, default 60 s)
     * @param header how long a request's line and headers may take to arrive once it began
     *     ({@code header_timeout_ms}, default 10 s)
     * @param body how long its body may take once the headers are in ({@code body_timeout_ms}, default 60 s)
     * @param max the most open connections, 0 for as many as the process's file limit allows
     *     ({@code max_connections}, default 0)
     */
    public record Connections(Duration idle, Duration header, Duration body, int max) {
        public static final Connections DEFAULT = new Connections(Duration.ofSeconds(60), Duration.ofSeconds(10),
                Duration.ofSeconds(60), 0);
    }

    public ServerConfig {
        connections = connections == null ? Connections.DEFAULT : connections;
        busyPoll = busyPoll == null ? DEFAULT_BUSY_POLL : busyPoll;
    }

    public ServerConfig(String host, int port, String masterKey, long maxBodyBytes) {
        this(host, port, masterKey, maxBodyBytes, null, null, null, null);
    }

    public ServerConfig(String host, int port, String masterKey, long maxBodyBytes, Tls tls,
                        Connections connections) {
        this(host, port, masterKey, maxBodyBytes, tls, connections, null, null);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, masterKey, maxBodyBytes, tls, connections, encryptionKey, busyPoll);
    }

    /** The passphrase that stored secrets are sealed with: {@code encryption_key} if set, else the master key. */
    public String sealingKey(String effectiveMasterKey) {
        return encryptionKey != null ? encryptionKey : effectiveMasterKey;
    }

    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
