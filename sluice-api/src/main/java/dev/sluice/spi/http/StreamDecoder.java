package dev.sluice.spi.http;

import java.nio.ByteBuffer;

/**
 * Decodes one streamed upstream answer incrementally: the engine feeds the body's bytes as they arrive, split
 * anywhere, and the decoder emits canonical events (to the sink it was made with) as soon as a whole wire event is
 * read. No I/O, so a recorded transcript can be replayed through it in any chunking. One instance per stream, called
 * on one thread at a time; not thread-safe.
 *
 * <p>Both methods throw {@link dev.sluice.api.error.GatewayException} for an in-stream error or a malformed stream,
 * and let a sink's exception (the caller went away) pass through unchanged.
 */
public interface StreamDecoder {

    /** The next bytes of the body; consumes all of {@code bytes}. */
    void decode(ByteBuffer bytes);

    /**
     * The body ended cleanly.
     *
     * @throws dev.sluice.api.error.GatewayException {@code UPSTREAM_ERROR} when the answer was incomplete
     */
    void end();
}
