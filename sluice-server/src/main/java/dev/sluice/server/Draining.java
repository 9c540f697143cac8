package dev.sluice.server;

/**
 * Whether the server is stopping: from then on, a request that arrives on a connection still open gets a 503 (and
 * the connection is closed) instead of starting a call that might not be recorded. Thread-safe.
 */
final class Draining {

    private volatile boolean active;

    void start() {
        active = true;
    }

    boolean active() {
        return active;
    }
}
