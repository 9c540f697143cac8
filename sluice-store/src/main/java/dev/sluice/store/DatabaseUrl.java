package dev.sluice.store;

import dev.sluice.spi.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A cluster database address, split into the JDBC URL (without credentials) and the credentials.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/db?...}
 * @param user null when the URL names none (the driver then uses its defaults or the URL's parameters)
 * @param password null when none
 * @param display {@code host:port/db}, safe to log
 */
record DatabaseUrl(String jdbcUrl, String user, String password, String display) {

    static boolean isSupported(String url) {
        return url.startsWith("postgresql://") || url.startsWith("postgres://") || url.startsWith("jdbc:postgresql:");
    }

    /** The URL with any password replaced, for error messages. */
    static String redact(String url) {
        return url.replaceAll("(//[^:/@]*):[^@/]*@", "$1:***@");
    }

    static DatabaseUrl parse(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            String rest = url.substring("jdbc:postgresql:".length());
            String display = rest.startsWith("//") ? rest.substring(2).replaceAll("\\?.*$", "") : rest;
            return new DatabaseUrl(url, null, null, withDefaultPort(display));
        }
        try {
            URI uri = new URI(url.replaceFirst("^postgres(ql)?://", "postgresql://"));
            if (uri.getHost() == null) {
                throw new ConfigException("storage.url", "no host in '" + redact(url) + "'");
            }
            String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : null;
            }
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            String hostPortDb = uri.getHost() + ":" + port + "/" + db;
            return new DatabaseUrl("jdbc:postgresql://" + hostPortDb + query, user, password, hostPortDb);
        } catch (URISyntaxException e) {
            throw new ConfigException("storage.url", "not a valid URL: '" + redact(url) + "'");
        }
    }

    private static String withDefaultPort(String display) {
        int slash = display.indexOf('/');
        if (slash > 0 && display.lastIndexOf(':', slash) < 0) {
            return display.substring(0, slash) + ":5432" + display.substring(slash);
        }
        return display;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
