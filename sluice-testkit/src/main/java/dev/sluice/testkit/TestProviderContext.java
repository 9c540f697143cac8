package dev.sluice.testkit;

import dev.sluice.spi.ProviderContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** A {@link ProviderContext} for tests, with an explicit environment. */
public final class TestProviderContext implements ProviderContext {

    private final Map<String, String> env;
    private final Path baseDir;

    public TestProviderContext() {
        this(Map.of(), Path.of("."));
    }

    public TestProviderContext(Map<String, String> env, Path baseDir) {
        this.env = env;
        this.baseDir = baseDir;
    }

    @Override public Map<String, String> env() { return env; }

    @Override public Path baseDir() { return baseDir; }

    @Override public Clock clock() { return Clock.systemUTC(); }
}
