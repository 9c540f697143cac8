package dev.sluice.gateway.engine;

import dev.sluice.spi.ProviderContext;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The gateway's {@link ProviderContext}: upstream requests go through {@link PooledTransport}; the JDK clients
 * ({@link #httpClient}) remain for providers that want them. Closing it closes the clients.
 */
public final class DefaultProviderContext implements ProviderContext, AutoCloseable {

    private final Map<String, String> env;
    private final Path baseDir;
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final PooledTransport transport = new PooledTransport();

    public DefaultProviderContext(Map<String, String> env, Path baseDir) {
        this.env = Map.copyOf(env);
        this.baseDir = baseDir;
    }

    @Override
    public HttpClient httpClient(Duration connectTimeout) {
        return clients.computeIfAbsent(connectTimeout, t -> HttpClient.newBuilder()
                .connectTimeout(t)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build());
    }

    @Override public dev.sluice.spi.http.UpstreamTransport transport() { return transport; }

    @Override public Map<String, String> env() { return env; }

    @Override public Path baseDir() { return baseDir; }

    @Override public Clock clock() { return Clock.systemUTC(); }

    @Override
    public void close() {
        transport.close();
        clients.values().forEach(HttpClient::close);
        executor.close();
    }
}
