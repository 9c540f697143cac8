package dev.sluice.evals;

import java.nio.file.Path;

/**
 * Starts Sluice in-process from a config file, for {@code eval run --config sluice.yaml}. Provided by the application
 * module (which owns the wiring); the evaluation then calls the started gateway over HTTP like any client.
 */
@FunctionalInterface
public interface GatewayLauncher {

    /**
     * Starts a gateway and returns once it accepts requests. Throws
     * {@link dev.sluice.api.error.GatewayException} (INVALID_REQUEST) when the config is bad.
     */
    RunningGateway start(Path config);

    /** A running gateway; the caller closes it when the evaluation is over. */
    interface RunningGateway extends AutoCloseable {

        /** Base URL, e.g. {@code http://127.0.0.1:43817}, without a trailing {@code /v1}. */
        String baseUrl();

        /** A key the gateway accepts for the suite's models. */
        String key();

        /** Stops the gateway; must not throw. */
        @Override
        void close();
    }
}
