package dev.sluice.bedrock;

import dev.sluice.api.error.ErrorType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import software.amazon.eventstream.Message;

/**
 * Frames AWS event-stream bytes into messages incrementally, as they arrive, split anywhere (inside a frame's 12-byte
 * prelude, its headers or a checksum). Each frame's total length is read from its prelude and checked against AWS's
 * bounds before the frame is gathered; {@link Message#decode} then checks both CRC32 checksums, and the message goes
 * to the handler as soon as its last byte is read. A frame that arrives whole in one buffer is decoded where it lies;
 * only a split one is copied. No I/O.
 *
 * <p>One instance per stream, called on one thread at a time; not thread-safe. A malformed frame, and a body that
 * ends inside a frame, are {@link ErrorType#UPSTREAM_ERROR}s, after which the framer must not be used again; an
 * exception thrown by the handler passes through unchanged.
 */
final class EventStreamFramer {

    /** AWS caps event-stream messages at 16 MiB (prelude, headers and payload). */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final int PRELUDE_BYTES = 12;
    private static final int MIN_MESSAGE_BYTES = 16;

    /** Receives each whole message with its frame's bytes, which are valid only during the call. */
    @FunctionalInterface
    interface FrameHandler {
        void accept(Message message, ByteBuffer frame);
    }

    private final FrameHandler handler;
    private final String providerId;
    /** The split frame being gathered; grown to the largest split frame seen. */
    private byte[] frame = new byte[1024];
    /** Bytes of the current frame gathered so far; 0 between frames. */
    private int gathered;
    /** The current frame's total length once its prelude is complete, else 0. */
    private int length;

    EventStreamFramer(Consumer<Message> handler, String providerId) {
        this((message, frame) -> handler.accept(message), providerId);
    }

    EventStreamFramer(FrameHandler handler, String providerId) {
        this.handler = handler;
        this.providerId = providerId;
    }

    /** Consumes all of {@code bytes} (any byte order, heap or direct), handing over every message they complete. */
    void decode(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            int at = bytes.position();
            if (gathered == 0 && bytes.remaining() >= PRELUDE_BYTES
                    && bytes.remaining() >= checkedLength(bigEndianInt(bytes, at))) {
                int total = bigEndianInt(bytes, at);
                bytes.position(at + total);
                ByteBuffer whole = bytes.slice(at, total);
                handler.accept(parse(whole.duplicate()), whole);
            } else {
                gather(bytes);
            }
        }
    }

    /**
     * The body ended.
     *
     * @throws dev.sluice.api.error.GatewayException {@code UPSTREAM_ERROR} when it ended inside a frame
     */
    void end() {
        if (gathered > 0) {
            throw BedrockResponseCodec.broken(providerId, "sent an event stream that ended inside a message");
        }
    }

    /** Copies the next bytes of a split frame: up to the end of its prelude, then up to its end. */
    private void gather(ByteBuffer bytes) {
        int target = length == 0 ? PRELUDE_BYTES : length;
        int n = Math.min(target - gathered, bytes.remaining());
        bytes.get(frame, gathered, n);
        gathered += n;
        if (gathered < target) {
            return;
        }
        if (length == 0) {
            length = checkedLength(bigEndianInt(ByteBuffer.wrap(frame), 0));
            if (frame.length < length) {
                frame = Arrays.copyOf(frame, length);
            }
        } else {
            ByteBuffer whole = ByteBuffer.wrap(frame, 0, length);
            Message message = parse(whole.duplicate());
            gathered = 0;
            length = 0;
            handler.accept(message, whole);
        }
    }

    private int checkedLength(int total) {
        if (total < MIN_MESSAGE_BYTES || total > MAX_MESSAGE_BYTES) {
            throw BedrockResponseCodec.broken(providerId, "sent an event-stream message with an invalid length: "
                    + Integer.toUnsignedString(total));
        }
        return total;
    }

    private Message parse(ByteBuffer wholeFrame) {
        try {
            return Message.decode(wholeFrame);
        } catch (RuntimeException e) {
            throw BedrockResponseCodec.broken(providerId, "sent a malformed event-stream message: " + e.getMessage());
        }
    }

    /** The wire's length fields are big-endian whatever order the buffer was set to read in. */
    private static int bigEndianInt(ByteBuffer b, int at) {
        return (b.get(at) & 0xff) << 24 | (b.get(at + 1) & 0xff) << 16 | (b.get(at + 2) & 0xff) << 8
                | b.get(at + 3) & 0xff;
    }
}
