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
}
