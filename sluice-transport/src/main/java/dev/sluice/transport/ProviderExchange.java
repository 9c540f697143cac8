package dev.sluice.transport;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.HttpProvider;
import dev.sluice.spi.http.ProviderDriver;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.transport.internal.BodyCollector;
import dev.sluice.transport.internal.NettyResponseHead;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The one engine that drives every {@link HttpProvider}: it sends the request the provider's transform builds through
 * the {@link UpstreamClient} and feeds the answer back through the transform, on the attempt's loop. A non-2xx answer
 * is read whole (up to {@link UpstreamResponse#MAX_ERROR_BYTES}) and mapped by the provider; a whole answer is capped
 * at {@link UpstreamResponse#MAX_BODY_BYTES}; a stream's bytes go to the provider's decoder as they arrive, the
 * caller's connection is flushed at the end of every burst, and the upstream is not read while the caller cannot take
 * more. Thread-safe.
 */
public final class ProviderExchange implements ProviderDriver {

    private final UpstreamClient client;

    public ProviderExchange(UpstreamClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<ChatResponse> chat(HttpProvider provider, ChatRequest request, Attempt attempt) {
        ChatRequest r = request.stream() ? request.toBuilder().stream(false).includeUsage(false).build() : request;
        return whole(provider, provider.chatRequest(r, attempt), attempt, head -> provider.chatResponse(r, head));
    }

    @Override
    public CompletableFuture<EmbeddingResponse> embed(HttpProvider provider, EmbeddingRequest request,
                                                      Attempt attempt) {
        return whole(provider, provider.embeddingsRequest(request, attempt), attempt,
                head -> provider.embeddingsResponse(request, head));
    }

    @Override
    public CompletableFuture<dev.sluice.spi.http.PassedAnswer> passThrough(HttpProvider provider,
            dev.sluice.spi.http.PassThrough pass, UpstreamRequest request, String publicModel, Attempt attempt) {
        return whole(provider, request, attempt, head -> pass.answer(head, publicModel));
    }

    @Override
    public CompletableFuture<Void> stream(HttpProvider provider, ChatRequest request, Attempt attempt,
                                          ChatEventSink sink) {
        ChatRequest r = request.stream() ? request : request.toBuilder().stream(true).build();
        StreamedAnswer answer = new StreamedAnswer(provider, head -> provider.chatStream(r, head, sink),
                attempt.downstream());
        answer.exchange(client.send(provider.chatRequest(r, attempt), attempt, answer));
        return answer.done();
    }

    @Override
    public CompletableFuture<Void> passThroughStream(HttpProvider provider,
            dev.sluice.spi.http.PassThrough.StreamPass pass, UpstreamRequest request, String publicModel,
            Attempt attempt, ChatEventSink sink) {
        StreamedAnswer answer = new StreamedAnswer(provider, head -> pass.decoder(head, publicModel, sink),
                attempt.downstream());
        answer.exchange(client.send(request, attempt, answer));
        return answer.done();
    }

    private <T> CompletableFuture<T> whole(HttpProvider provider, UpstreamRequest request, Attempt attempt,
                                           Function<UpstreamResponse, T> read) {
        WholeAnswer<T> answer = new WholeAnswer<>(provider, attempt.deployment().providerId(), read);
        client.send(request, attempt, answer);
        return answer.done;
    }

    /** Reads a whole answer, or a whole error answer. */
    private static final class WholeAnswer<T> implements ResponseHandler {
        final CompletableFuture<T> done = new CompletableFuture<>();
        private final HttpProvider provider;
        private final String providerId;
        private final Function<UpstreamResponse, T> read;
        private NettyResponseHead head;
        private BodyCollector body;

        WholeAnswer(HttpProvider provider, String providerId, Function<UpstreamResponse, T> read) {
            this.provider = provider;
            this.providerId = providerId;
            this.read = read;
        }

        @Override
        public void onHead(UpstreamResponse h) {
            head = (NettyResponseHead) h;
            int cap = h.success() ? UpstreamResponse.MAX_BODY_BYTES : UpstreamResponse.MAX_ERROR_BYTES;
            body = new BodyCollector(cap, contentLength(h));
        }

        @Override
        public void onBody(ByteBuf chunk) {
            body.add(chunk);
            if (body.overflowed() && head.success()) {
                throw new GatewayException(new GatewayError(ErrorType.UPSTREAM_ERROR, 502, "provider '" + providerId
                        + "' sent an answer larger than " + UpstreamResponse.MAX_BODY_BYTES + " bytes", providerId,
                        null, null));
            }
        }

        @Override
        public void onEnd() {
            try {
                UpstreamResponse whole = head.withBody(body.bytes());
                if (!whole.success()) {
                    done.completeExceptionally(new GatewayException(provider.error(whole)));
                } else {
                    done.complete(read.apply(whole));
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }

        @Override
        public void onFailure(Throwable cause) {
            done.completeExceptionally(cause);
        }
    }

    static long contentLength(UpstreamResponse head) {
        String v = head.header("content-length");
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
