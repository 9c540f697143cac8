package dev.sluice.spi.http;

/**
 * A response whose exchange can be aborted from another thread (the gateway's timeout watchdog): the connection is
 * dropped and a blocked read fails at once. Closing the body instead ends the exchange gracefully, so the connection
 * can be reused. A transport whose responses are abortable registers the abort with the attempt itself, before it
 * sends (see {@link UpstreamTransport}), so that a wait for the headers can be cut too.
 */
public interface AbortableResponse {
    void abort();
}
