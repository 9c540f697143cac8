package dev.sluice.transport;

/** One upstream request in flight. Called on its event loop only. */
public interface Exchange {

    /** Stops reading the answer (flow control); the upstream's TCP window then fills up and it slows down. */
    void pause();

    /** Reads again after {@link #pause}. */
    void resume();

    /**
     * Gives up: closes the connection (it is never reused) and reports a
     * {@link java.util.concurrent.CancellationException} unless the exchange already ended. Idempotent.
     */
    void abort();
}
