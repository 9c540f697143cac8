package dev.sluice.app;

import dev.sluice.api.error.GatewayException;
import dev.sluice.evals.GatewayLauncher;
import dev.sluice.gateway.config.ConfigLoader;
import dev.sluice.gateway.config.ServerConfig;
import dev.sluice.gateway.config.SluiceConfig;
import dev.sluice.gateway.engine.DefaultProviderContext;
import dev.sluice.spi.ConfigException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts Sluice inside the CLI process for {@code eval run --config sluice.yaml}: the suite then calls it over
 * loopback HTTP like any client, with a one-off master key.
 */
final class InProcessGateway implements GatewayLauncher {

    @Override
    public RunningGateway start(Path configFile) {
        Map<String, String> env = System.getenv();
        SluiceConfig config;
        try {
            config = new ConfigLoader(env).load(configFile);
        } catch (ConfigException e) {
            throw GatewayException.invalid("bad config: " + e.getMessage(), null);
        }
        String key = RandomTokens.hex("sk-sluice-eval-", 18);
        ServerConfig s = config.server();
        config = config.withServer(new ServerConfig("127.0.0.1", 0, key, s.maxBodyBytes(), null, s.connections(),
                s.encryptionKey(), s.busyPoll())); // loopback, no TLS; busy polling as the file sets it
        DefaultProviderContext context = new DefaultProviderContext(env, configFile.toAbsolutePath().getParent());
        Wiring wiring;
        try {
            wiring = Wiring.start(config, context, key, null);
        } catch (ConfigException e) {
            throw GatewayException.invalid("bad config: " + e.getMessage(), null);
        }
        return new RunningGateway() {
            @Override public String baseUrl() { return "http://127.0.0.1:" + wiring.port(); }

            @Override public String key() { return key; }

            @Override public void close() { wiring.close(); }
        };
    }
}
