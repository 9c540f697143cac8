package dev.sluice.gateway.config;

/**
 * The {@code server} section.
 *
 * @param masterKey the admin key, also accepted from clients until virtual keys exist; null means generate one
 * @param maxBodyBytes the largest request body accepted on public routes
 */
public record ServerConfig(String host, int port, String masterKey, long maxBodyBytes) {
    public static final int DEFAULT_PORT = 4000;
    public static final long DEFAULT_MAX_BODY = 8L * 1024 * 1024;
}
