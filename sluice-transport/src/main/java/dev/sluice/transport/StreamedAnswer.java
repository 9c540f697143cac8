package dev.sluice.transport;

import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.Downstream;
import dev.sluice.spi.HttpProvider;
import dev.sluice.spi.http.StreamDecoder;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.transport.internal.BodyCollector;
import dev.sluice.transport.internal.NettyResponseHead;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Feeds a streamed answer to the provider's decoder as its bytes arrive, with flow control towards the caller: when
 * the caller's connection cannot take more, the upstream read pauses until it can; the caller's connection is flushed
 * at the end of every burst of reads. A non-2xx answer is read whole (capped) and mapped by the provider. Confined to
 * the call's loop.
 */
final class StreamedAnswer implements ResponseHandler {

    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final HttpProvider provider;
    private final Function<UpstreamResponse, StreamDecoder> decoders;
    private final Downstream downstream;
    private Exchange exchange;
    private NettyResponseHead head;
    private StreamDecoder decoder;
    private BodyCollector error;
    private boolean paused;

    /**
     * @param provider maps a non-2xx answer
     * @param decoders the decoder for a 2xx answer's body, made from its head (the provider's, or its fast path's)
     */
    StreamedAnswer(HttpProvider provider, Function<UpstreamResponse, StreamDecoder> decoders, Downstream downstream) {
        this.provider = provider;
        this.decoders = decoders;
        this.downstream = downstream;
    }

    /** The exchange to pause and resume (set once it is sent). */
    void exchange(Exchange sent) {
        this.exchange = sent;
    }

    /** Completes after the last event, or with the failure. */
    CompletableFuture<Void> done() {
        return done;
    }

    @Override
    public void onHead(UpstreamResponse h) {
        head = (NettyResponseHead) h;
        if (h.success()) {
            decoder = decoders.apply(h);
        } else {
            error = new BodyCollector(UpstreamResponse.MAX_ERROR_BYTES, ProviderExchange.contentLength(h));
        }
    }

    @Override
    public void onBody(ByteBuf chunk) {
        if (decoder == null) {
            error.add(chunk);
            return;
        }
        decoder.decode(chunk.nioBuffer());
        if (!paused && !downstream.writable() && exchange != null) {
            paused = true;
            exchange.pause();
            downstream.whenWritable(this::resume);
        }
    }

    private void resume() {
        paused = false;
        exchange.resume();
    }

    @Override
    public void onReadComplete() {
        if (decoder != null) {
            downstream.flush();
        }
    }

    @Override
    public void onEnd() {
        try {
            if (decoder == null) {
                done.completeExceptionally(new GatewayException(provider.error(head.withBody(error.bytes()))));
                return;
            }
            decoder.end();
            downstream.flush();
            done.complete(null);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    @Override
    public void onFailure(Throwable cause) {
        done.completeExceptionally(cause);
    }
}
