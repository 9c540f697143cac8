package dev.sluice.server;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.wire.StreamEncoder;
import dev.sluice.spi.Downstream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a stream to the caller as events arrive, in the caller's wire format: the status line and headers go out
 * with the first event, then each event is encoded into the connection's buffers; producers flush at the end of each
 * burst ({@link #flush}). Until the first event nothing is sent, so an early failure can still be a normal error
 * answer. Also the caller's side of flow control. Confined to the call's event loop.
 */
final class StreamResponder implements ChatEventSink, Downstream {

    private final ServerResponse response;
    private final StreamEncoder encoder;
    private final ChatEventSink tee;
    private boolean started;

    /** @param tee also receives every event (content capture), or null */
    StreamResponder(ServerResponse response, StreamEncoder encoder, ChatEventSink tee) {
        this.response = response;
        this.encoder = encoder;
        this.tee = tee;
    }

    boolean started() { return started; }

    @Override
    public void accept(ChatEvent event) {
        if (!started) {
            started = true;
            response.header("cache-control", "no-cache");
            response.startStream(200, encoder.contentType());
        }
        ByteBuf chunk = allocate();
        try (ByteBufOutputStream out = new ByteBufOutputStream(chunk)) {
            encoder.onEvent(event, out);
        } catch (IOException e) {
            chunk.release();
            throw new UncheckedIOException(e);
        }
        emit(chunk);
        if (tee != null) {
            tee.accept(event);
        }
    }

    /** The stream ended normally: closing frames, then the end of the answer. */
    void complete() {
        if (!started) {
            accept(new ChatEvent.MessageStart("", ""));
        }
        ByteBuf chunk = allocate();
        try (ByteBufOutputStream out = new ByteBufOutputStream(chunk)) {
            encoder.onComplete(out);
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
            encoder.onError(error, out);
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
