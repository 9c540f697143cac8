package dev.sluice.spi;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** What the gateway lends a provider. Thread-safe. */
public interface ProviderContext {

    /** A shared HTTP client with the given connect timeout; clients are pooled per timeout, never closed by callers. */
    HttpClient httpClient(Duration connectTimeout);

    /** The process environment (or a test's stand-in), for credentials. */
    Map<String, String> env();

    /** The folder relative paths in the config resolve against. */
    Path baseDir();

    Clock clock();

    /**
     * The transport providers send upstream requests with. The default sends with {@link #httpClient}; the gateway
     * supplies a faster one that blocks on the calling virtual thread.
     */
    default dev.sluice.spi.http.UpstreamTransport transport() {
        return (request, body, attempt, stream) -> {
            Timeouts timeouts = attempt.deployment().timeouts();
            java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(request.uri())
                    .method(request.method(), java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                    .timeout(stream ? timeouts.firstToken() : timeouts.total()); // headers only: see the contract
            request.headers().map().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
            return httpClient(timeouts.connect()).send(b.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        };
    }
}
