package dev.sluice.server;

import dev.sluice.gateway.engine.Gateway;
import dev.sluice.transport.EventLoops;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the HTTP server needs.
 *
 * @param loops the data plane's event loops (shared with the upstream client)
 * @param metrics Prometheus text for {@code /metrics}; null to answer 404 there
 * @param extraRoutes more routes (admin API, console) added by the app after the public ones; may be null
 * @param observer cost header and content capture; {@link CallObserver#NONE} for none
 * @param tls the certificate and key for HTTPS (HTTP/2 and HTTP/1.1 by ALPN), or null for cleartext (h2c)
 * @param apis the inbound APIs to serve ({@link InboundApis#discover()})
 * @param connections client connections' deadlines and cap
 * @param storage checks the storage {@code /ready} depends on: null when it answers, else what is wrong; may block
 *     (it runs on a virtual thread, and {@code /ready} gives up on it after a few seconds); null for no storage
 * @param cluster what {@code /health} says of the cluster (Redis up or down, live nodes); null for one node
 */
public record ServerOptions(String host, int port, long maxBodyBytes, EventLoops loops, Gateway gateway,
                            Authenticator auth, Supplier<String> metrics, Consumer<Routes> extraRoutes,
                            CallObserver observer, dev.sluice.gateway.config.ServerConfig.Tls tls,
                            java.util.List<dev.sluice.spi.InboundApi> apis,
                            dev.sluice.gateway.config.ServerConfig.Connections connections,
                            Supplier<String> storage, Supplier<java.util.Map<String, Object>> cluster) {
    public ServerOptions {
        connections = connections == null ? dev.sluice.gateway.config.ServerConfig.Connections.DEFAULT : connections;
    }
}
