package dev.sluice.server;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.wire.StreamEncoder;
import dev.sluice.spi.Downstream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * Writes a stream to the caller as events arrive, in the caller's wire format: the status line and headers go out
 * with the first event, then each event is encoded into the connection's buffers; producers flush at the end of each
 * burst ({@link #flush}). Until the first event nothing is sent, so an early failure can still be a normal error
 * answer. Also the caller's side of flow control. Confined to the call's event loop.
 *
 * <p>Events passed through from an upstream of the caller's format ({@link ChatEvent.Passed}) are written as they
 * are; such a stream carries its own closing frames, so only canonical streams get the encoder's. The encoder is made
 * when a canonical event, the end of a canonical stream, or an in-stream error first needs it.
 */
final class StreamResponder implements ChatEventSink, Downstream {

    private final ServerResponse response;
    private final String contentType;
    private final Supplier<StreamEncoder> encoders;
    private final ChatEventSink tee;
    private final Supplier<java.util.Map<String, String>> headers;
    private StreamEncoder encoder;
    private boolean started;
    private boolean passed;

    /**
     * @param contentType the media type of the stream, the encoder's own
     * @param encoders makes the encoder, at most once, when it is first needed
     * @param tee also receives every event (content capture), or null
     * @param headers the call's own headers for the stream's head (rate limits), read when the stream starts
     */
    StreamResponder(ServerResponse response, String contentType, Supplier<StreamEncoder> encoders,
                    ChatEventSink tee, Supplier<java.util.Map<String, String>> headers) {
        this.response = response;
        this.contentType = contentType;
        this.encoders = encoders;
        this.tee = tee;
        this.headers = headers;
    }

    boolean started() { return started; }

    private StreamEncoder encoder() {
        if (encoder == null) {
            encoder = encoders.get();
        }
        return encoder;
    }

    @Override
    public void accept(ChatEvent event) {
        if (!started) {
            started = true;
            response.header("cache-control", "no-cache");
            headers.get().forEach(response::header);
            response.startStream(200, contentType);
        }
        if (event instanceof ChatEvent.Passed p) {
            passed = true;
            if (p.wire().length > 0) {
                response.write(Unpooled.wrappedBuffer(p.wire()));
            }
            if (tee != null) {
                tee.accept(event);
            }
            return;
        }
        ByteBuf chunk = allocate();
        try (ByteBufOutputStream out = new ByteBufOutputStream(chunk)) {
            encoder().onEvent(event, out);
        } catch (IOException e) {
            chunk.release();
            throw new UncheckedIOException(e);
        }
        emit(chunk);
        if (tee != null) {
            tee.accept(event);
        }
    }

    /** The stream ended normally: closing frames (a canonical stream's), then the end of the answer. */
    void complete() {
        if (!started) {
            accept(new ChatEvent.MessageStart("", ""));
        }
        if (passed && encoder == null) { // the upstream's own closing frames were passed
            response.end();
            return;
        }
        ByteBuf chunk = allocate();
        try (ByteBufOutputStream out = new ByteBufOutputStream(chunk)) {
            encoder().onComplete(out);
        } catch (IOException e) {
            chunk.release();
            throw new UncheckedIOException(e);
        }
        emit(chunk);
        response.end();
    }

    /** The stream failed after it started: the format's in-stream error, then the end of the answer. */
    void fail(GatewayError error) {
        ByteBuf chunk = allocate();
        try (ByteBufOutputStream out = new ByteBufOutputStream(chunk)) {
            encoder().onError(error, out);
        } catch (IOException | RuntimeException e) {
            // nothing more can be told
        }
        emit(chunk);
        response.end();
    }

    private ByteBuf allocate() {
        return io.netty.buffer.PooledByteBufAllocator.DEFAULT.buffer(256);
    }

    private void emit(ByteBuf chunk) {
        if (chunk.isReadable()) {
            response.write(chunk);
        } else {
            chunk.release();
        }
    }

    @Override public boolean writable() { return response.writable(); }

    @Override public void whenWritable(Runnable resume) { response.whenWritable(resume); }

    @Override public void flush() { response.flush(); }
}
