package dev.sluice.gateway.engine;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ChatResponseAssembler;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.GatewayError;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.HttpProvider;
import dev.sluice.spi.http.ProviderDriver;
import dev.sluice.spi.http.StreamDecoder;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The transport, faked for engine tests: instead of sending an {@link HttpProvider}'s request it plays a
 * {@link ScriptedProvider}'s script (answer, failure, hang until the attempt is cancelled) on the attempt's loop, as
 * the real driver completes its futures there. Records which provider it was asked to drive.
 */
final class ScriptedDriver implements ProviderDriver {

    private final ScriptedProvider script;
    volatile HttpProvider lastProvider;

    ScriptedDriver(ScriptedProvider script) {
        this.script = script;
    }

    @Override
    public CompletableFuture<ChatResponse> chat(HttpProvider provider, ChatRequest request, Attempt attempt) {
        lastProvider = provider;
        ChatResponseAssembler assembled = new ChatResponseAssembler();
        return script.stream(request, attempt, assembled).toCompletableFuture().thenApply(v -> assembled.response(0));
    }

    @Override
    public CompletableFuture<Void> stream(HttpProvider provider, ChatRequest request, Attempt attempt,
                                          ChatEventSink sink) {
        lastProvider = provider;
        return script.stream(request, attempt, sink).toCompletableFuture();
    }

    @Override
    public CompletableFuture<dev.sluice.spi.http.PassedAnswer> passThrough(HttpProvider provider,
            dev.sluice.spi.http.PassThrough pass, UpstreamRequest request, String publicModel, Attempt attempt) {
        throw new UnsupportedOperationException("the scripted driver has no fast path");
    }

    @Override
    public CompletableFuture<Void> passThroughStream(HttpProvider provider,
            dev.sluice.spi.http.PassThrough.StreamPass pass, UpstreamRequest request, String publicModel,
            Attempt attempt, ChatEventSink sink) {
        throw new UnsupportedOperationException("the scripted driver has no fast path");
    }

    @Override
    public CompletableFuture<EmbeddingResponse> embed(HttpProvider provider, EmbeddingRequest request,
                                                      Attempt attempt) {
        lastProvider = provider;
        return script.embed(request, attempt).toCompletableFuture();
    }

    /** An HTTP provider whose transform the scripted driver never needs. */
    static final class Transform implements HttpProvider {
        @Override
        public UpstreamRequest chatRequest(ChatRequest request, Attempt attempt) {
            throw new AssertionError("the scripted driver builds no request");
        }

        @Override
        public ChatResponse chatResponse(ChatRequest request, UpstreamResponse response) {
            throw new AssertionError("the scripted driver reads no response");
        }

        @Override
        public StreamDecoder chatStream(ChatRequest request, UpstreamResponse head, ChatEventSink sink) {
            throw new AssertionError("the scripted driver decodes no stream");
        }

        @Override
        public GatewayError error(UpstreamResponse response) {
            throw new AssertionError("the scripted driver maps no error");
        }
    }
}
