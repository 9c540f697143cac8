package dev.sluice.server;

import dev.sluice.api.wire.WireReply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.OutputStream;
import java.util.Map;

/**
 * The answer to one request: whole ({@link #send}) or streamed ({@link #startStream}, {@link #write},
 * {@link #flush}, {@link #end}), with flow control ({@link #writable}, {@link #whenWritable}) and a signal when the
 * caller goes away first ({@link #onClose}). Every answer carries {@code x-request-id}. The streaming methods are for
 * the event loop; {@link #send} and {@link #outputStream} may be called from any thread (blocking routes) and hop to
 * the loop. Answers once: later sends are ignored.
 */
public final class ServerResponse {

    /** What the edge learns when an answer is complete. */
    interface Completion {
        void finished(ServerResponse response, ChannelFuture lastWrite, boolean close);
    }

    private final Channel channel;
    private final RequestId id;
    private final HttpVersion version;
    private final boolean http2;
    private final boolean keepAlive;
    private final Completion completion;
    private final HttpHeaders extra = new DefaultHttpHeaders(false);
    private boolean started;
    private boolean finished;
    private boolean gone;
    private Runnable onClose;
    private Runnable onWritable;
    private BlockingBody blockingBody;

    ServerResponse(Channel channel, RequestId id, HttpVersion version, boolean http2, boolean keepAlive,
                   Completion completion) {
        this.channel = channel;
        this.id = id;
        this.version = version;
        this.http2 = http2;
        this.keepAlive = keepAlive;
        this.completion = completion;
    }

    public RequestId id() { return id; }

    public EventLoop loop() { return channel.eventLoop(); }

    /** Adds a header to the answer (before it is sent). */
    public ServerResponse header(String name, String value) {
        extra.set(name, value);
        return this;
    }

    /** True once the status line went out (or is on its way). */
    public boolean isSent() { return started; }

    /** True while the answer is being written and the caller is still there. */
    public boolean open() { return !finished && !gone; }

    public void send(WireReply reply) {
        reply.headers().forEach(this::header);
        send(reply.status(), reply.contentType(), reply.body());
    }

    /** A whole answer. */
    public void send(int status, String contentType, byte[] body) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> send(status, contentType, body));
            return;
        }
        if (started) {
            return;
        }
        started = true;
        finished = true;
        FullHttpResponse r = new DefaultFullHttpResponse(version, status(status), Unpooled.wrappedBuffer(body));
        head(r, contentType);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        completion.finished(this, channel.writeAndFlush(r), !keepAlive);
    }

    /** Sends the status line and headers of a streamed answer (not flushed yet). */
    public void startStream(int status, String contentType) {
        if (started) {
            return;
        }
        started = true;
        HttpResponse r = new DefaultHttpResponse(version, status(status));
        head(r, contentType);
        if (!http2 && version == HttpVersion.HTTP_1_1) {
            r.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        channel.write(r, channel.voidPromise());
    }

    /** Queues a chunk of a streamed answer; takes ownership of {@code chunk}. */
    public void write(ByteBuf chunk) {
        if (finished || gone) {
            chunk.release();
            return;
        }
        channel.write(new DefaultHttpContent(chunk), channel.voidPromise()); // a failed write closes the channel
    }

    public void flush() {
        if (!gone) {
            channel.flush();
        }
    }

    /** Ends a streamed answer. */
    public void end() {
        if (finished) {
            return;
        }
        finished = true;
        boolean close = !keepAlive || !http2 && version == HttpVersion.HTTP_1_0;
        completion.finished(this, channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT), close);
    }

    /** False while the caller's connection has more queued than it should. */
    public boolean writable() { return channel.isWritable() || gone; }

    /** Runs {@code resume} once, on the loop, when the caller can take more (at once if it can now). */
    public void whenWritable(Runnable resume) {
        if (writable()) {
            resume.run();
            return;
        }
        Runnable before = onWritable;
        onWritable = before == null ? resume : () -> {
            before.run();
            resume.run();
        };
    }

    /** Runs {@code action} on the loop if the caller goes away before the answer is complete. */
    public void onClose(Runnable action) {
        if (gone && !finished) {
            action.run();
            return;
        }
        onClose = action;
    }

    /**
     * A stream for a blocking writer (an export on a virtual thread): sends the head, then the bytes as chunks; a
     * write blocks while the caller cannot take more and fails once the caller is gone; closing ends the answer.
     */
    public OutputStream outputStream(int status, String contentType) {
        BlockingBody body = new BlockingBody(this, channel);
        channel.eventLoop().execute(() -> {
            blockingBody = body;
            startStream(status, contentType);
            channel.flush();
        });
        return body;
    }

    void writabilityChanged() {
        if (channel.isWritable()) {
            Runnable r = onWritable;
            onWritable = null;
            if (r != null) {
                r.run();
            }
        }
        if (blockingBody != null) {
            blockingBody.signal();
        }
    }

    void callerGone() {
        if (gone) {
            return;
        }
        gone = true;
        if (blockingBody != null) {
            blockingBody.signal();
        }
        Runnable r = onWritable;
        onWritable = null;
        if (r != null) {
            r.run(); // producers waiting to write learn that writing is over
        }
        if (!finished && onClose != null) {
            onClose.run();
        }
    }

    boolean gone() { return gone; }

    private void head(HttpResponse r, String contentType) {
        HttpHeaders h = r.headers();
        if (contentType != null) {
            h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        h.set("x-request-id", id.value());
        for (Map.Entry<String, String> e : extra) {
            h.set(e.getKey(), e.getValue());
        }
        if (!http2 && !keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (!http2 && version == HttpVersion.HTTP_1_0) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    /** Only real statuses go out: anything outside 100-599 becomes a 502. */
    private static HttpResponseStatus status(int code) {
        return code >= 100 && code <= 599 ? HttpResponseStatus.valueOf(code) : HttpResponseStatus.BAD_GATEWAY;
    }
}
