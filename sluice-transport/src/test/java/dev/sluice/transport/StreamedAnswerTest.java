package dev.sluice.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.Message;
import dev.sluice.api.error.GatewayError;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.Downstream;
import dev.sluice.spi.HttpProvider;
import dev.sluice.spi.http.StreamDecoder;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.transport.internal.NettyResponseHead;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Back-pressure on streams: the upstream is not read while the caller cannot take more, and bursts are flushed. */
class StreamedAnswerTest {

    /** A caller whose connection is full until the test says otherwise. */
    static final class Caller implements Downstream {
        boolean writable;
        Runnable waiting;
        int flushes;

        @Override public boolean writable() { return writable; }

        @Override
        public void whenWritable(Runnable resume) {
            if (writable) {
                resume.run();
            } else {
                waiting = resume;
            }
        }

        @Override public void flush() { flushes++; }

        void drained() {
            writable = true;
            Runnable r = waiting;
            waiting = null;
            if (r != null) {
                r.run();
            }
        }
    }

    /** Records pause and resume. */
    static final class Recorded implements Exchange {
        final List<String> calls = new ArrayList<>();

        @Override public void pause() { calls.add("pause"); }

        @Override public void resume() { calls.add("resume"); }

        @Override public void abort() { calls.add("abort"); }
    }

    /** A provider whose stream decoder counts the bytes it is fed. */
    static final class Counting implements HttpProvider {
        int bytes;

        @Override public UpstreamRequest chatRequest(ChatRequest request, Attempt attempt) { return null; }

        @Override public ChatResponse chatResponse(ChatRequest request, UpstreamResponse response) { return null; }

        @Override
        public StreamDecoder chatStream(ChatRequest request, UpstreamResponse head, ChatEventSink sink) {
            return new StreamDecoder() {
                @Override
                public void decode(ByteBuffer b) {
                    bytes += b.remaining();
                    b.position(b.limit());
                }

                @Override public void end() { }
            };
        }

        @Override public GatewayError error(UpstreamResponse response) { return null; }
    }

    private static final ChatRequest REQUEST = ChatRequest.builder().model("m")
            .messages(List.of(Message.user("hi"))).stream(true).build();

    @Test
    void theUpstreamPausesWhileTheCallerIsFullAndResumesWhenItDrains() {
        Caller caller = new Caller();
        Recorded exchange = new Recorded();
        Counting provider = new Counting();
        StreamedAnswer answer = new StreamedAnswer(provider, head -> provider.chatStream(REQUEST, head, e -> { }),
                caller);
        answer.exchange(exchange);
        answer.onHead(new NettyResponseHead(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK)));
        answer.onBody(Unpooled.wrappedBuffer(new byte[100]));
        assertThat(exchange.calls).containsExactly("pause");
        answer.onBody(Unpooled.wrappedBuffer(new byte[50])); // already read before the pause took effect
        assertThat(exchange.calls).as("paused once, not again").containsExactly("pause");
        assertThat(provider.bytes).isEqualTo(150);
        caller.drained();
        assertThat(exchange.calls).containsExactly("pause", "resume");
        answer.onBody(Unpooled.wrappedBuffer(new byte[10]));
        assertThat(exchange.calls).as("the caller can take more: no pause").containsExactly("pause", "resume");
    }

    @Test
    void everyBurstOfReadsIsFlushedToTheCaller() {
        Caller caller = new Caller();
        caller.writable = true;
        Counting provider = new Counting();
        StreamedAnswer answer = new StreamedAnswer(provider, head -> provider.chatStream(REQUEST, head, e -> { }),
                caller);
        answer.exchange(new Recorded());
        answer.onHead(new NettyResponseHead(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK)));
        answer.onBody(Unpooled.wrappedBuffer(new byte[10]));
        answer.onBody(Unpooled.wrappedBuffer(new byte[10]));
        assertThat(caller.flushes).isZero();
        answer.onReadComplete();
        assertThat(caller.flushes).isEqualTo(1);
        answer.onEnd();
        assertThat(answer.done()).isCompleted();
    }
}
