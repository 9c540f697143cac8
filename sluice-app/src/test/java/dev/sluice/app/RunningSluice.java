package dev.sluice.app;

import dev.sluice.gateway.config.ConfigLoader;
import dev.sluice.gateway.config.SluiceConfig;
import dev.sluice.gateway.engine.DefaultProviderContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A real Sluice on a free loopback port, built from a YAML text, for end-to-end tests. */
final class RunningSluice implements AutoCloseable {

    static final String KEY = "sk-test-master-key";

    private final Wiring wiring;

    RunningSluice(String yaml, Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("sluice.yaml");
            String server = yaml.contains("server:") ? "" : "server: {port: 0, host: 127.0.0.1, master_key: " + KEY + "}\n";
            Files.writeString(file, server + yaml);
            SluiceConfig config = new ConfigLoader(Map.of()).load(file);
            wiring = Wiring.start(config, new DefaultProviderContext(Map.of(), dir), KEY, dir.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() { return "http://127.0.0.1:" + wiring.port(); }

    int port() { return wiring.port(); }

    Wiring wiring() { return wiring; }

    @Override
    public void close() {
        wiring.close();
    }
}
