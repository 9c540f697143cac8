package dev.sluice.testkit;

import dev.sluice.spi.ProviderContext;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ProviderContext} for tests, with an explicit environment. */
public final class TestProviderContext implements ProviderContext {

    private final Map<String, String> env;
    private final Path baseDir;
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    public TestProviderContext() {
        this(Map.of(), Path.of("."));
    }

    public TestProviderContext(Map<String, String> env, Path baseDir) {
        this.env = env;
        this.baseDir = baseDir;
    }

    @Override
    public HttpClient httpClient(Duration connectTimeout) {
        return clients.computeIfAbsent(connectTimeout, t -> HttpClient.newBuilder().connectTimeout(t)
                .version(HttpClient.Version.HTTP_1_1).build());
    }

    @Override public Map<String, String> env() { return env; }

    @Override public Path baseDir() { return baseDir; }

    @Override public Clock clock() { return Clock.systemUTC(); }
}
