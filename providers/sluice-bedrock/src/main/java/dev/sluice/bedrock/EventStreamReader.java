package dev.sluice.bedrock;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import software.amazon.eventstream.Message;

/**
 * Reads AWS event-stream messages one at a time from a byte stream, as they arrive. A frame may come split across
 * any number of socket reads: the reader waits for its 12-byte prelude (total length, headers length, prelude CRC),
 * then for the rest of the frame, then has {@link Message#decode} check both checksums. No read-ahead past the
 * current frame. Not thread-safe; the caller closes the stream.
 */
public final class EventStreamReader {

    /** AWS caps event-stream messages at 16 MiB (prelude, headers and payload). */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final int PRELUDE_BYTES = 12;
    private static final int MIN_MESSAGE_BYTES = 16;

    private final InputStream in;

    public EventStreamReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next message, or null at a clean end of stream (between frames).
     *
     * @throws EOFException when the stream ends inside a frame
     * @throws IOException when reading fails, or the frame is malformed or fails its checksums
     */
    public Message next() throws IOException {
        byte[] prelude = new byte[PRELUDE_BYTES];
        int got = readFully(prelude, 0, PRELUDE_BYTES);
        if (got == 0) {
            return null;
        }
        if (got < PRELUDE_BYTES) {
            throw new EOFException("event stream ended inside a message prelude");
        }
        int total = ByteBuffer.wrap(prelude).getInt();
        if (total < MIN_MESSAGE_BYTES || total > MAX_MESSAGE_BYTES) {
            throw new IOException("event stream message has an invalid length: " + Integer.toUnsignedString(total));
        }
        byte[] frame = new byte[total];
        System.arraycopy(prelude, 0, frame, 0, PRELUDE_BYTES);
        int read = readFully(frame, PRELUDE_BYTES, total - PRELUDE_BYTES);
        if (read < total - PRELUDE_BYTES) {
            throw new EOFException("event stream ended inside a message");
        }
        try {
            return Message.decode(ByteBuffer.wrap(frame));
        } catch (RuntimeException e) {
            throw new IOException("malformed event stream message: " + e.getMessage());
        }
    }

    /** Reads until {@code len} bytes or the end of the stream; returns how many were read. */
    private int readFully(byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }
}
