package dev.sluice.spi.http;

import dev.sluice.spi.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where an upstream lives: scheme, host, port and base path, parsed once from a provider's base URL, and the HTTP
 * version to speak to it. Two requests with equal endpoints may share a pooled connection.
 *
 * @param basePath the URL's path without a trailing slash ({@code /v1}), or empty
 * @param version the HTTP version to use: over TLS, {@link HttpVersion#HTTP_2} offers h2 and http/1.1 by ALPN; in
 *     cleartext it means h2c with prior knowledge, {@link HttpVersion#H2C_UPGRADE} asks by an HTTP/1.1 upgrade
 */
public record Endpoint(boolean tls, String host, int port, String basePath, HttpVersion version) {

    /** The HTTP versions an upstream can be spoken to with. */
    public enum HttpVersion { HTTP_1_1, HTTP_2, H2C_UPGRADE }

    public Endpoint {
        basePath = basePath == null ? "" : basePath;
        version = version == null ? HttpVersion.HTTP_1_1 : version;
    }

    /**
     * Parses an http(s) base URL, without query or fragment.
     *
     * @param where the config path to name in the {@link ConfigException} thrown for a bad URL
     */
    public static Endpoint parse(String baseUrl, HttpVersion version, String where) {
        URI uri;
        try {
            uri = new URI(baseUrl.strip());
        } catch (URISyntaxException e) {
            throw new ConfigException(where, "is not a valid URL: '" + baseUrl + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new ConfigException(where, "must be an http:// or https:// URL with a host, got '" + baseUrl + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException(where, "must not have a query or fragment, got '" + baseUrl + "'");
        }
        boolean tls = scheme.equals("https");
        if (tls && version == HttpVersion.H2C_UPGRADE) {
            throw new ConfigException(where, "h2c upgrade is for http:// URLs; over https HTTP/2 is negotiated by ALPN");
        }
        int port = uri.getPort() < 0 ? (tls ? 443 : 80) : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Endpoint(tls, host, port, path, version);
    }

    /** {@code host[:port]} as the Host header and signers want it: the port only when it is not the scheme's default. */
    public String authority() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == (tls ? 443 : 80) ? h : h + ":" + port;
    }

    /** The absolute URI of {@code path} (raw, already encoded, starting with {@code /}) on this endpoint. */
    public URI uri(String path) {
        return URI.create((tls ? "https://" : "http://") + authority() + path);
    }

    @Override
    public String toString() {
        return (tls ? "https://" : "http://") + authority() + basePath;
    }
}
