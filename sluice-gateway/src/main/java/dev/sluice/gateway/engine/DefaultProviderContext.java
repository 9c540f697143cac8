package dev.sluice.gateway.engine;

import dev.sluice.spi.ProviderContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The gateway's {@link ProviderContext}: the environment, the config's folder and the clock. */
public final class DefaultProviderContext implements ProviderContext {

    private final Map<String, String> env;
    private final Path baseDir;

    public DefaultProviderContext(Map<String, String> env, Path baseDir) {
        this.env = Map.copyOf(env);
        this.baseDir = baseDir;
    }

    @Override public Map<String, String> env() { return env; }

    @Override public Path baseDir() { return baseDir; }

    @Override public Clock clock() { return Clock.systemUTC(); }
}
