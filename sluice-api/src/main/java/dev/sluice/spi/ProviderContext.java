package dev.sluice.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** What the gateway lends a provider at creation. Thread-safe. */
public interface ProviderContext {

    /** The process environment (or a test's stand-in), for credentials. */
    Map<String, String> env();

    /** The folder relative paths in the config resolve against. */
    Path baseDir();

    Clock clock();
}
