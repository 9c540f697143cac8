package dev.sluice.app;

import dev.sluice.api.event.GatewayListener;
import dev.sluice.gateway.config.SluiceConfig;
import dev.sluice.gateway.engine.DefaultProviderContext;
import dev.sluice.gateway.engine.Gateway;
import dev.sluice.gateway.engine.Interceptor;
import dev.sluice.gateway.engine.Listeners;
import dev.sluice.gateway.engine.ProviderRegistry;
import dev.sluice.gateway.engine.Watchdog;
import dev.sluice.server.Authenticator;
import dev.sluice.server.ServerOptions;
import dev.sluice.server.SluiceServer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * All object wiring of a running Sluice, in one place, in start order; {@link #close()} stops in reverse order so
 * that in-flight calls finish and every record is written before storage closes.
 */
public final class Wiring implements AutoCloseable {

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final SluiceServer server;
    private final Gateway gateway;

    private Wiring(SluiceConfig config, DefaultProviderContext context, String masterKey) {
        try {
            closeables.add(context);
            ProviderRegistry providers = ProviderRegistry.build(config, context);
            closeables.add(providers);
            Watchdog watchdog = new Watchdog();
            closeables.add(watchdog);
            List<GatewayListener> listeners = new ArrayList<>();
            Supplier<String> metrics = null;
            List<Interceptor> interceptors = List.of();
            gateway = new Gateway(providers.models(), interceptors, new Listeners(listeners), watchdog);
            server = SluiceServer.start(new ServerOptions(config.server().host(), config.server().port(),
                    config.server().maxBodyBytes(), gateway, new Authenticator(masterKey), metrics, null));
            closeables.add(server);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Builds and starts everything; on failure, whatever was started is stopped again. */
    public static Wiring start(SluiceConfig config, DefaultProviderContext context, String masterKey) {
        return new Wiring(config, context, masterKey);
    }

    public int port() { return server.port(); }

    public Gateway gateway() { return gateway; }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                System.err.println("sluice: error while stopping " + closeables.get(i).getClass().getSimpleName()
                        + ": " + e.getMessage());
            }
        }
        closeables.clear();
    }
}
