package dev.sluice.server;

import io.netty.util.AttributeKey;

/**
 * Where one client connection (or one HTTP/2 stream) is in its life, and since when, so that its deadlines can be
 * checked: waiting for a request ({@link Phase#IDLE}), receiving a request's head ({@link Phase#HEAD}) or body
 * ({@link Phase#BODY}), or answering ({@link Phase#ANSWERING}, no deadline here: the call's own timeouts apply). An
 * HTTP/2 connection is idle when none of its streams is open; its streams keep their own head and body deadlines.
 * Confined to the connection's loop.
 */
final class ConnectionState {

    /** The state of a connection, on its channel, so that HTTP/2 streams find their connection's. */
    static final AttributeKey<ConnectionState> KEY = AttributeKey.valueOf("sluice.connection");

    enum Phase { IDLE, HEAD, BODY, ANSWERING }

    private Phase phase;
    private long since = System.nanoTime();
    private boolean http2;
    private int streams;
    /** What to do when a request is not in within its deadline (answer 408 and close); null: just close. */
    private Runnable onRequestTimeout;

    private ConnectionState(Phase phase) {
        this.phase = phase;
    }

    /** A new client connection, waiting for its first request. */
    static ConnectionState connection() {
        return new ConnectionState(Phase.IDLE);
    }

    /** A new HTTP/2 stream: its request's head is on its way. */
    static ConnectionState stream() {
        return new ConnectionState(Phase.HEAD);
    }

    Phase phase() { return phase; }

    long since() { return since; }

    void to(Phase next) {
        phase = next;
        since = System.nanoTime();
    }

    /** Bytes arrived: on an idle HTTP/1.x connection, a request has begun; on HTTP/2, the connection is alive. */
    void bytesArrived() {
        if (http2) {
            since = System.nanoTime();
        } else if (phase == Phase.IDLE) {
            to(Phase.HEAD);
        }
    }

    void onRequestTimeout(Runnable action) {
        this.onRequestTimeout = action;
    }

    Runnable requestTimeout() { return onRequestTimeout; }

    /** The connection now speaks HTTP/2 (its first stream may already be open, after an h2c upgrade). */
    void http2() {
        http2 = true;
        to(streams > 0 ? Phase.ANSWERING : Phase.IDLE);
    }

    boolean isHttp2() { return http2; }

    void streamOpened() {
        streams++;
        phase = Phase.ANSWERING;
    }

    void streamClosed() {
        if (--streams <= 0) {
            streams = 0;
            to(Phase.IDLE);
        }
    }
}
