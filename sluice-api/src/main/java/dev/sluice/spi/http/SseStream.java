package dev.sluice.spi.http;

import java.nio.ByteBuffer;

/**
 * A {@link StreamDecoder} for a {@code text/event-stream} body: an {@link SseDecoder} frames the bytes, however they
 * are split, into events for {@code handler}; at the end of the body a pending event still counts, then
 * {@code atEnd} checks that the answer was complete. One instance per stream; not thread-safe.
 */
public final class SseStream implements StreamDecoder {

    private final SseDecoder sse;
    private final Runnable atEnd;

    /**
     * @param handler the provider's event decoder; returns false when it wants no more (the rest is skipped)
     * @param atEnd throws a {@link dev.sluice.api.error.GatewayException} when the stream ended incomplete
     */
    public SseStream(SseDecoder.Handler handler, Runnable atEnd, String providerId) {
        this.sse = new SseDecoder(handler, providerId);
        this.atEnd = atEnd;
    }

    @Override
    public void decode(ByteBuffer bytes) {
        sse.decode(bytes);
    }

    @Override
    public void end() {
        sse.end();
        atEnd.run();
    }
}
