package dev.sluice.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.http.Endpoint;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpstreamClientTest {

    private static final EventLoops LOOPS = new EventLoops(2);
    private static final UpstreamClient CLIENT = new UpstreamClient(LOOPS, UpstreamClient.Options.DEFAULT);

    private ScriptedUpstream upstream;
    private final EventLoop loop = LOOPS.next();

    @BeforeEach
    void start() throws Exception {
        upstream = new ScriptedUpstream();
    }

    @AfterEach
    void stop() throws Exception {
        upstream.close();
    }

    @AfterAll
    static void stopLoops() {
        LOOPS.close();
    }

    /** What one exchange reported. */
    static final class Answer implements ResponseHandler {
        final CompletableFuture<String> done = new CompletableFuture<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        volatile UpstreamResponse head;
        volatile Thread thread;
        Consumer<Answer> onEnd = a -> { };

        @Override
        public void onHead(UpstreamResponse h) {
            head = h;
            thread = Thread.currentThread();
        }

        @Override
        public void onBody(ByteBuf chunk) {
            byte[] b = new byte[chunk.readableBytes()];
            chunk.getBytes(chunk.readerIndex(), b);
            body.writeBytes(b);
        }

        @Override
        public void onEnd() {
            onEnd.accept(this);
            done.complete(body.toString(StandardCharsets.UTF_8));
        }

        @Override
        public void onFailure(Throwable cause) {
            done.completeExceptionally(cause);
        }

        String await() throws Exception {
            return done.get(10, TimeUnit.SECONDS);
        }

        Throwable failure() throws Exception {
            return done.handle((v, e) -> e).get(10, TimeUnit.SECONDS);
        }
    }

    private UpstreamRequest request(int port) {
        return UpstreamRequest.post(new Endpoint(false, "127.0.0.1", port, "", Endpoint.HttpVersion.HTTP_1_1),
                "/v1/chat", Map.of("content-type", "application/json"), "{\"q\":1}".getBytes(), false);
    }

    private Answer send(LoopAttempt attempt, Answer answer) {
        loop.execute(() -> CLIENT.send(request(upstream.port()), attempt, answer));
        return answer;
    }

    @Test
    void keepAliveConnectionsAreReusedByLaterExchangesOnTheSameLoop() throws Exception {
        for (int i = 0; i < 3; i++) {
            upstream.reply(ScriptedUpstream.Reply.ok("{\"n\":" + i + "}"));
            assertThat(send(new LoopAttempt(loop), new Answer()).await()).isEqualTo("{\"n\":" + i + "}");
        }
        assertThat(upstream.connections()).isEqualTo(1);
        assertThat(upstream.requests()).hasSize(3);
        assertThat(upstream.requests().getFirst()).contains("host: 127.0.0.1:" + upstream.port())
                .contains("content-length: 7").endsWith("{\"q\":1}");
    }

    @Test
    void theAnswerIsReportedOnTheLoopThatSentTheRequest() throws Exception {
        upstream.reply(ScriptedUpstream.Reply.ok("{}"));
        Thread loopThread = CompletableFuture.supplyAsync(Thread::currentThread, loop).get();
        Answer a = send(new LoopAttempt(loop), new Answer());
        a.await();
        assertThat(a.thread).isSameAs(loopThread);
    }

    @Test
    void aPooledConnectionThatTheUpstreamClosedIsRetriedOnceOnANewOne() throws Exception {
        // the first answer keeps the connection alive by its headers, then the upstream closes it anyway
        upstream.reply(ScriptedUpstream.Reply.raw("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}",
                ScriptedUpstream.After.CLOSE));
        upstream.reply(ScriptedUpstream.Reply.ok("{\"second\":true}"));
        Answer second = new Answer();
        Answer first = new Answer();
        // the second exchange starts at once, on the loop, while the closed connection still looks idle in the pool
        first.onEnd = a -> CLIENT.send(request(upstream.port()), new LoopAttempt(loop), second);
        send(new LoopAttempt(loop), first).await();
        assertThat(second.await()).isEqualTo("{\"second\":true}");
        assertThat(upstream.connections()).isEqualTo(2);
    }

    @Test
    void aConnectionThatBreaksAfterTheAnswerStartedFailsWithoutARetry() throws Exception {
        upstream.reply(ScriptedUpstream.Reply.raw("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"partial",
                ScriptedUpstream.After.CLOSE));
        Throwable failure = send(new LoopAttempt(loop), new Answer()).failure();
        assertThat(failure).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
            assertThat(e.error().message()).contains("'up'").contains("middle of the answer");
        });
        assertThat(upstream.requests()).hasSize(1);
    }

    @Test
    void aRefusedConnectionIsAnUnavailableUpstream() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Answer a = new Answer();
        loop.execute(() -> CLIENT.send(request(closedPort), new LoopAttempt(loop), a));
        assertThat(a.failure()).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_UNAVAILABLE);
            assertThat(e.error().message()).isEqualTo("cannot connect to provider 'up'");
        });
    }

    @Test
    void anAnswerThatIsNotHttpIsAnUpstreamError() throws Exception {
        upstream.reply(ScriptedUpstream.Reply.raw("SMTP ready\r\n\r\n", ScriptedUpstream.After.HANG));
        assertThat(send(new LoopAttempt(loop), new Answer()).failure())
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
                    assertThat(e.error().message()).contains("malformed HTTP answer");
                });
    }

    @Test
    void cancellingTheAttemptAbortsTheExchangeAndItsConnectionIsNeverReused() throws Exception {
        upstream.reply(ScriptedUpstream.Reply.raw("", ScriptedUpstream.After.HANG));
        LoopAttempt attempt = new LoopAttempt(loop);
        Answer hung = send(attempt, new Answer());
        awaitRequests(1);
        loop.execute(attempt::cancel);
        assertThat(hung.failure()).isInstanceOf(CancellationException.class);
        upstream.reply(ScriptedUpstream.Reply.ok("{}"));
        assertThat(send(new LoopAttempt(loop), new Answer()).await()).isEqualTo("{}");
        assertThat(upstream.connections()).isEqualTo(2);
    }

    private void awaitRequests(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (upstream.requests().size() < n && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(upstream.requests()).hasSize(n);
    }
}
