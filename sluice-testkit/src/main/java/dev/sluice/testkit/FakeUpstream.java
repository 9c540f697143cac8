package dev.sluice.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A provider stand-in on a real loopback socket that answers with recorded transcripts, in the order enqueued, and
 * records what it was sent. Close it after the test.
 */
public final class FakeUpstream implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();

    public FakeUpstream() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Base URL without a trailing slash, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUri() {
        String url = server.url("/").toString();
        return URI.create(url.substring(0, url.length() - 1));
    }

    public FakeUpstream enqueue(Path transcriptFile) {
        return enqueue(Transcript.load(transcriptFile));
    }

    public FakeUpstream enqueue(Transcript t) {
        server.enqueue(toResponse(t).build());
        return this;
    }

    /** Like {@link #enqueue(Transcript)}, but sends the body in small pieces with a pause between them. */
    public FakeUpstream enqueueTrickled(Transcript t, int bytesPerChunk, long pauseMillis) {
        server.enqueue(toResponse(t).throttleBody(bytesPerChunk, pauseMillis, TimeUnit.MILLISECONDS).build());
        return this;
    }

    /**
     * Like {@link #enqueue(Transcript)}, but sends only the first {@code firstBytes} of the body, then holds the rest
     * until {@code release} is counted down (or 10 s pass), so that a test can tell that what came first was used
     * before the rest was sent: no timing involved.
     *
     * @return a latch that is counted down once the rest has been written (or could not be)
     */
    public java.util.concurrent.CountDownLatch enqueueHeld(Transcript t, int firstBytes,
                                                          java.util.concurrent.CountDownLatch release) {
        byte[] body = t.body();
        java.util.concurrent.CountDownLatch sent = new java.util.concurrent.CountDownLatch(1);
        MockResponse.Builder b = new MockResponse.Builder().code(t.status());
        for (String[] h : t.headers()) {
            if (!h[0].equalsIgnoreCase("content-length")) {
                b.addHeader(h[0], h[1]);
            }
        }
        b.body(new mockwebserver3.MockResponseBody() {
            @Override
            public long getContentLength() {
                return body.length;
            }

            @Override
            public void writeTo(okio.BufferedSink sink) throws IOException {
                try {
                    int first = Math.min(firstBytes, body.length);
                    sink.write(body, 0, first);
                    sink.flush();
                    release.await(10, TimeUnit.SECONDS);
                    sink.write(body, first, body.length - first);
                    sink.flush();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    sent.countDown();
                }
            }
        });
        server.enqueue(b.build());
        return sent;
    }

    public FakeUpstream enqueue(MockResponse response) {
        server.enqueue(response);
        return this;
    }

    /**
     * From now on answers every request with the transcript {@code choose} picks for it, instead of from the queue
     * (for concurrent calls whose order is not known), sending each body in pieces of {@code bytesPerChunk} with
     * {@code pauseMillis} between them (0 bytes: all at once). {@code choose} runs on the fake's threads, so it must
     * be thread-safe; it should not throw.
     */
    public FakeUpstream answerEachTrickled(Function<RecordedRequest, Transcript> choose, int bytesPerChunk,
                                           long pauseMillis) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                MockResponse.Builder b = toResponse(choose.apply(request));
                return (bytesPerChunk > 0 ? b.throttleBody(bytesPerChunk, pauseMillis, TimeUnit.MILLISECONDS) : b)
                        .build();
            }
        });
        return this;
    }

    private static MockResponse.Builder toResponse(Transcript t) {
        MockResponse.Builder b = new MockResponse.Builder().code(t.status());
        for (String[] h : t.headers()) {
            b.addHeader(h[0], h[1]);
        }
        return b.body(new Buffer().write(t.body()));
    }

    /** The next request the fake received, waiting up to 5 s; null when none came. */
    public RecordedRequest takeRequest() {
        try {
            return server.takeRequest(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public int requestCount() { return server.getRequestCount(); }

    @Override
    public void close() {
        server.close();
    }
}
