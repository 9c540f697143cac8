package dev.sluice.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The body of a streamed answer written by a blocking route (on a virtual thread): bytes are gathered into 16 KiB
 * chunks and handed to the connection, and a write waits while the caller cannot take more, so a slow reader slows the
 * writer instead of filling memory. Not thread-safe: one writer.
 */
final class BlockingBody extends OutputStream {

    private static final int CHUNK = 16 * 1024;
    private static final long MAX_WAIT_NANOS = TimeUnit.MINUTES.toNanos(5);

    private final ServerResponse response;
    private final Channel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private byte[] buffer = new byte[CHUNK];
    private int size;
    private boolean closed;

    BlockingBody(ServerResponse response, Channel channel) {
        this.response = response;
        this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
        if (size == buffer.length) {
            flushChunk();
        }
        buffer[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (size == buffer.length) {
                flushChunk();
            }
            int n = Math.min(len, buffer.length - size);
            System.arraycopy(b, off, buffer, size, n);
            size += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        if (size > 0) {
            flushChunk();
        }
    }

    private void flushChunk() throws IOException {
        awaitWritable();
        byte[] chunk = buffer;
        int n = size;
        buffer = new byte[CHUNK];
        size = 0;
        channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk, 0, n)));
    }

    private void awaitWritable() throws IOException {
        long deadline = System.nanoTime() + MAX_WAIT_NANOS;
        lock.lock();
        try {
            while (!channel.isWritable() && channel.isActive() && !response.gone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("the caller stopped reading");
                }
                changed.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the caller", e);
        } finally {
            lock.unlock();
        }
        if (response.gone() || !channel.isActive()) {
            throw new IOException("the caller went away");
        }
    }

    void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
        } finally {
            channel.eventLoop().execute(response::end);
        }
    }
}
