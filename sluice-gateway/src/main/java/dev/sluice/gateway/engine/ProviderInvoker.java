package dev.sluice.gateway.engine;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ChatResponseAssembler;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.SecretScrubber;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.event.AttemptRecord;
import dev.sluice.api.event.AttemptStart;
import dev.sluice.api.event.GatewayListener;
import dev.sluice.spi.HttpProvider;
import dev.sluice.spi.LocalProvider;
import dev.sluice.spi.Provider;
import dev.sluice.spi.http.PassThrough;
import dev.sluice.spi.http.PassedAnswer;
import dev.sluice.spi.http.ProviderDriver;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the chain: one attempt against the call's target, under its timeouts, reported to listeners. An HTTP
 * provider's transform is driven by the {@link ProviderDriver}; a local one answers itself. A caller that went away
 * cancels the attempt too. A cancelled attempt is reported as the timeout or the departure whatever the provider then
 * does, fail or answer anyway; a provider that throws, an {@link Error} included, fails its attempt.
 */
final class ProviderInvoker implements Interceptor.Chain {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderInvoker.class);

    private final GatewayListener listener;
    private final ProviderDriver driver;
    private final SecretScrubber scrubber;

    /** @param scrubber removes configured secrets and credential-shaped text from every attempt's error */
    ProviderInvoker(GatewayListener listener, ProviderDriver driver, SecretScrubber scrubber) {
        this.listener = listener;
        this.driver = driver;
        this.scrubber = scrubber;
    }

    @Override
    public CompletionStage<ChatResult> chat(CallContext call, ChatInput input) {
        PassThrough pass = fastPath(call, input);
        if (pass != null) {
            return passThrough(call, input, (HttpProvider) provider(call), pass);
        }
        ChatRequest upstream = upstreamRequest(call, input.request(), false);
        AttemptHandle attempt = begin(call, false);
        CompletableFuture<ChatResult> answer;
        try {
            answer = switch (provider(call)) {
                case HttpProvider http -> driver.chat(http, upstream, attempt).thenApply(ChatResult::of);
                case LocalProvider local -> {
                    ChatResponseAssembler assembled = new ChatResponseAssembler();
                    yield local.stream(upstream, attempt, assembled).toCompletableFuture()
                            .thenApply(done -> ChatResult.of(assembled.response(System.currentTimeMillis() / 1000)));
                }
                default -> throw unknownKind(call);
            };
        } catch (RuntimeException | Error e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return finish(call, attempt, answer);
    }

    /** The provider's fast path for this call, or null: the request must be undecoded and not streamed. */
    private static PassThrough fastPath(CallContext call, ChatInput input) {
        return input.stream() ? null : passFor(call, input);
    }

    /** The provider's fast path for the caller's API, or null; only for a request nobody decoded. */
    private static PassThrough passFor(CallContext call, ChatInput input) {
        if (input.decoded() || !(provider(call) instanceof HttpProvider http)) {
            return null;
        }
        return http.passThrough(input.api());
    }

    /** A fast path whose whole answers are read with their texts, for a guarded call ({@link PassedAnswer#texts}). */
    private record TextReadingPass(PassThrough pass) implements PassThrough {
        @Override
        public dev.sluice.spi.http.UpstreamRequest request(byte[] body, dev.sluice.api.wire.RequestPeek peek,
                                                          String upstreamModel, dev.sluice.spi.Attempt attempt) {
            return pass.request(body, peek, upstreamModel, attempt);
        }

        @Override
        public PassedAnswer answer(dev.sluice.spi.http.UpstreamResponse response, String publicModel) {
            return pass.answer(response, publicModel, true);
        }

        @Override
        public ChatResponse decode(PassedAnswer answer, String publicModel) {
            return pass.decode(answer, publicModel);
        }
    }

    /** The streamed fast path for this call, or null when it must be translated. */
    private static PassThrough.StreamPass streamPath(CallContext call, ChatInput input) {
        PassThrough pass = passFor(call, input);
        return pass == null ? null : pass.stream(input.body(), input.peek());
    }

    private CompletionStage<ChatResult> passThrough(CallContext call, ChatInput input, HttpProvider http,
                                                    PassThrough pass) {
        AttemptHandle attempt = begin(call, false);
        CompletableFuture<ChatResult> answer;
        try {
            var request = pass.request(input.body(), input.peek(), call.target.deployment().upstreamModel(), attempt);
            String model = input.model();
            PassThrough answering = call.readsAnswerTexts() ? new TextReadingPass(pass) : pass;
            answer = driver.passThrough(http, answering, request, model, attempt)
                    .thenApply(passed -> ChatResult.passed(passed, a -> pass.decode(a, model)));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return finish(call, attempt, answer);
    }

    @Override
    public CompletionStage<Void> stream(CallContext call, ChatInput input, ChatEventSink sink) {
        PassThrough.StreamPass pass = streamPath(call, input);
        if (pass != null) {
            return passThroughStream(call, input, (HttpProvider) provider(call), pass, sink);
        }
        ChatRequest upstream = upstreamRequest(call, input.request(), true);
        AttemptHandle attempt = begin(call, true);
        ChatEventSink firstToken = new FirstTokenSink(attempt, sink);
        CompletableFuture<Void> done;
        try {
            done = switch (provider(call)) {
                case HttpProvider http -> driver.stream(http, upstream, attempt, firstToken);
                case LocalProvider local -> local.stream(upstream, attempt, firstToken).toCompletableFuture();
                default -> throw unknownKind(call);
            };
        } catch (RuntimeException | Error e) {
            done = CompletableFuture.failedFuture(e);
        }
        return finish(call, attempt, done);
    }

    private CompletionStage<Void> passThroughStream(CallContext call, ChatInput input, HttpProvider http,
                                                    PassThrough.StreamPass pass, ChatEventSink sink) {
        AttemptHandle attempt = begin(call, true);
        CompletableFuture<Void> done;
        try {
            var request = pass.request(call.target.deployment().upstreamModel(), attempt);
            done = driver.passThroughStream(http, pass, request, input.model(), attempt,
                    new FirstTokenSink(attempt, sink));
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        return finish(call, attempt, done);
    }

    @Override
    public CompletionStage<EmbeddingResponse> embed(CallContext call, EmbeddingRequest request) {
        EmbeddingRequest upstream = request.withModel(call.target.deployment().upstreamModel());
        AttemptHandle attempt = begin(call, false);
        CompletableFuture<EmbeddingResponse> answer;
        try {
            answer = switch (provider(call)) {
                case HttpProvider http -> driver.embed(http, upstream, attempt);
                case LocalProvider local -> local.embed(upstream, attempt).toCompletableFuture();
                default -> throw unknownKind(call);
            };
        } catch (RuntimeException | Error e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return finish(call, attempt, answer);
    }

    private static Provider provider(CallContext call) {
        return call.target.provider();
    }

    private static ChatRequest upstreamRequest(CallContext call, ChatRequest request, boolean stream) {
        ChatRequest.Builder b = request.toBuilder().model(call.target.deployment().upstreamModel()).stream(stream);
        if (!stream) {
            b.includeUsage(false);
        }
        return b.build();
    }

    private static IllegalStateException unknownKind(CallContext call) {
        return new IllegalStateException("provider '" + call.target.deployment().providerId()
                + "' is neither an HttpProvider nor a LocalProvider");
    }

    private AttemptHandle begin(CallContext call, boolean stream) {
        Target target = call.target;
        int number = ++call.attempts;
        Map<String, String> forward = new HashMap<>(4);
        if (!call.vendorHeaders().isEmpty() && call.inboundApi().equals(target.providerType())) {
            forward.putAll(call.vendorHeaders()); // the caller's beta flags, to an upstream of its own API only
        }
        if (call.traceparent() != null) {
            forward.put("traceparent", call.traceparent());
            if (call.tracestate() != null) {
                forward.put("tracestate", call.tracestate());
            }
        }
        listener.onAttemptStart(new AttemptStart(call.requestId(), number, target.deployment().name(),
                target.deployment().providerId(), target.providerType(), target.deployment().upstreamModel(),
                Instant.now()), forward);
        AttemptHandle handle = new AttemptHandle(target.deployment(), call.requestId(), forward, call.loop(),
                call.downstream(), number, System.nanoTime());
        handle.why = call.nextAttemptReason;
        call.nextAttemptReason = null;
        handle.arm(stream, call.deadlineNanos);
        call.attemptStarted(handle);
        return handle;
    }

    /** Disarms the timers, reports the attempt, and turns its failure into the one the caller sees. */
    private <T> CompletableFuture<T> finish(CallContext call, AttemptHandle attempt, CompletableFuture<T> answer) {
        return answer.handle((value, failure) -> {
            attempt.disarm();
            call.attemptEnded(attempt);
            long took = System.nanoTime() - attempt.startNanos();
            call.upstreamNanos += took;
            Target target = call.target;
            // a cancelled attempt is reported by its cause whatever the provider then did, an answer included
            boolean stopped = attempt.cause() == AttemptHandle.Cause.STOPPED; // the gateway closed it, on purpose
            RuntimeException thrown = stopped || (failure == null && !attempt.cancelled()) ? null
                    : classify(call, attempt, failure == null ? null : Gateway.unwrap(failure));
            if (thrown instanceof GatewayException g) {
                GatewayError clean = scrubber.scrub(g.error()); // upstream text may echo a key it was sent
                if (clean != g.error()) {
                    thrown = new GatewayException(clean);
                }
            }
            GatewayError error = thrown == null ? null
                    : thrown instanceof GatewayException g ? g.error() : ClientGoneException.ERROR;
            AttemptRecord record = new AttemptRecord(call.requestId(), attempt.number(), target.deployment().name(),
                    target.deployment().providerId(), target.providerType(), target.deployment().upstreamModel(),
                    attempt.startedAt(), took, error == null ? 200 : error.status(),
                    error == null ? null : error.type(), error == null ? (stopped ? attempt.reason() : null)
                    : error.message(), attempt.why);
            call.attemptRecorded(record);
            listener.onAttemptEnd(record);
            if (thrown != null) {
                throw thrown;
            }
            return value;
        });
    }

    private static RuntimeException classify(CallContext call, AttemptHandle attempt, Throwable failure) {
        if (attempt.cause() == AttemptHandle.Cause.CALLER_GONE || failure instanceof ClientGoneException) {
            return new ClientGoneException(attempt.reason() == null ? "caller went away" : attempt.reason());
        }
        String provider = call.target.deployment().providerId();
        if (attempt.cause() == AttemptHandle.Cause.TIMEOUT) {
            return new GatewayError(ErrorType.TIMEOUT, 504, "provider '" + provider + "' sent " + attempt.reason(),
                    provider, null, null).toException();
        }
        if (failure instanceof GatewayException g) {
            return g.error().provider() == null ? g : new GatewayException(asSeenByCaller(g.error()), g);
        }
        LOG.error("provider {} failed unexpectedly on request {}", provider, call.requestId(), failure);
        return new GatewayError(ErrorType.INTERNAL, 500, "internal error in provider '" + provider + "'", provider,
                null, null).toException();
    }

    /**
     * An upstream's failure with the status its caller sees. The caller can act on what its request caused (400,
     * 413, 429); what the gateway's own configuration caused upstream (credentials, permissions, an unknown model id)
     * and what the upstream itself failed at are gateway failures: 502, 503 (unavailable), 504 (timeout), or 529
     * (overloaded, Anthropic's own). No other upstream status is ever passed on.
     */
    static GatewayError asSeenByCaller(GatewayError e) {
        int status = switch (e.type()) {
            case INVALID_REQUEST, UNSUPPORTED_FEATURE, CONTEXT_WINDOW_EXCEEDED, CONTENT_FILTERED -> 400;
            case REQUEST_TOO_LARGE -> 413;
            case RATE_LIMITED, QUOTA_EXCEEDED -> 429;
            case OVERLOADED -> 529;
            case UPSTREAM_UNAVAILABLE -> 503;
            case TIMEOUT -> 504;
            case AUTHENTICATION, SIGNATURE_INVALID, PERMISSION_DENIED, NOT_FOUND, UPSTREAM_ERROR, INTERNAL,
                 CLIENT_CLOSED -> 502;
        };
        return status == e.status() ? e : e.withStatus(status);
    }

    /** Stops the first-token timer at the first event. */
    private static final class FirstTokenSink implements ChatEventSink {
        private final AttemptHandle attempt;
        private final ChatEventSink downstream;
        private boolean seen;

        FirstTokenSink(AttemptHandle attempt, ChatEventSink downstream) {
            this.attempt = attempt;
            this.downstream = downstream;
        }

        @Override
        public void accept(ChatEvent event) {
            if (!seen) {
                seen = true;
                attempt.firstTokenArrived();
            }
            downstream.accept(event);
        }
    }
}
