package dev.sluice.transport.internal;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Gathers a whole answer's body into one array, up to a cap, sized from the declared length when there is one.
 * Not thread-safe.
 */
public final class BodyCollector {

    private final int cap;
    private byte[] bytes;
    private int size;
    private boolean overflowed;

    /** @param declared the answer's content-length, or -1 */
    public BodyCollector(int cap, long declared) {
        this.cap = cap;
        this.bytes = new byte[(int) Math.max(256, Math.min(cap, declared < 0 ? 8192 : declared))];
    }

    /** Copies what fits under the cap; the rest is dropped and {@link #overflowed()} turns true. */
    public void add(ByteBuf chunk) {
        int n = chunk.readableBytes();
        int room = cap - size;
        if (n > room) {
            overflowed = true;
            n = room;
        }
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(cap, Math.max((long) size + n, bytes.length * 2L)));
        }
        chunk.getBytes(chunk.readerIndex(), bytes, size, n);
        size += n;
    }

    public boolean overflowed() { return overflowed; }

    public byte[] bytes() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }
}
