package dev.sluice.transport;

import dev.sluice.spi.http.UpstreamResponse;
import io.netty.buffer.ByteBuf;

/**
 * What one upstream exchange reports, on the attempt's event loop, in order: {@link #onHead}, any number of
 * {@link #onBody} chunks each burst ended by {@link #onReadComplete}, then {@link #onEnd}; or, at any point,
 * {@link #onFailure} once, after which nothing more is reported.
 */
public interface ResponseHandler {

    /** The status line and headers ({@link UpstreamResponse#body()} is empty). */
    void onHead(UpstreamResponse head);

    /** The next bytes of the body; the buffer is released when this returns. */
    void onBody(ByteBuf chunk);

    /** The end of a burst of reads: a good moment to flush what was handed on. */
    default void onReadComplete() { }

    /** The body ended; the connection is back in its pool or closed. */
    void onEnd();

    /**
     * The exchange failed: a {@link dev.sluice.api.error.GatewayException} for transport failures (connect,
     * TLS, a broken or malformed answer), a {@link java.util.concurrent.CancellationException} when it was aborted.
     */
    void onFailure(Throwable cause);
}
