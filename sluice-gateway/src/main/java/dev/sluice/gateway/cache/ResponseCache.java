package dev.sluice.gateway.cache;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ChatResponseAssembler;
import dev.sluice.gateway.engine.CallContext;
import dev.sluice.gateway.engine.ChatInput;
import dev.sluice.gateway.engine.ChatResult;
import dev.sluice.gateway.engine.Interceptor;
import dev.sluice.guardrails.topics.Embedder;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The response cache, in the routing place of the chain ({@link dev.sluice.gateway.engine.Interceptors}): after the
 * keys, limits, budgets and input guardrails, before routing. A call to a name with a {@code cache:} policy is decoded
 * (the provider's fast path is off for it) and keyed ({@link CacheKey}, within the caller's team, use case or key);
 * a stored answer is served at once, whole or as a stream in the caller's format ({@link Replay}), and the call is
 * recorded as a cache hit (no attempt, no upstream cost); otherwise the call goes on and its answer, whole or
 * assembled from its stream, is stored when it is complete and the model finished it
 * ({@link StoredAnswer#storable}). Errors, cut streams and filtered answers are never stored.
 *
 * <p>An answer is stored only once the whole call succeeded ({@link CallContext#whenAnswered}) and no output guardrail
 * blocked or masked anything in it; the output guardrails sit outside this step, so every hit goes through them again
 * (a guardrail changed since is applied). With a semantic policy, an exact
 * miss embeds the prompt (on the worker pool, never on the loop) and looks for a similar one in its context
 * ({@link SemanticIndex}); the similarity goes in {@value #SIMILARITY_HEADER}. Every call of a cached name gets
 * {@value #HEADER}: {@code hit}, {@code miss}, or {@code bypass} ({@code cache-control: no-store}). Names without a
 * policy pass straight through. Thread-safe; per-call state lives in the call's stages.
 */
public final class ResponseCache implements Interceptor {

    public static final String HEADER = "x-sluice-cache";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResponseCache.class);
    public static final String SIMILARITY_HEADER = "x-sluice-cache-similarity";

    /** Read once per call; replaced whole when the routes change ({@link #policies(Map)}). */
    private volatile Map<String, CachePolicy> policies;
    private final AnswerStore store;
    private final Embedder embedder;
    private final InstantSource clock;
    private final SemanticIndex index;
    private final CacheStats stats = new CacheStats();

    /**
     * @param embedder embeds prompts for the semantic cache (run on the worker pool); used only by names with a
     *     semantic policy
     * @param clock when answers expire
     */
    public ResponseCache(CacheSettings settings, AnswerStore store, Embedder embedder, InstantSource clock) {
        this.policies = settings.policies();
        this.store = store;
        this.embedder = embedder;
        this.clock = clock;
        this.index = new SemanticIndex(settings.semanticEntries());
    }

    public CacheStats stats() { return stats; }

    /**
     * Caches the names of {@code next} (by public model or route name) from the next call on; a name left out is no
     * longer cached (its stored answers stay until they expire, unseen). The semantic index is shared by every name
     * and grows only as semantic names store answers, so a name that turns semantic needs nothing built first.
     */
    public void policies(Map<String, CachePolicy> next) {
        this.policies = Map.copyOf(next);
    }

    /** The policies in force now, by public name. */
    public Map<String, CachePolicy> policies() { return policies; }

    /** A stored answer found for a call, and how similar its prompt was (1 for an exact match). */
    private record Found(ChatResponse answer, double similarity, boolean semantic) { }

    @Override
    public CompletionStage<ChatResult> chat(CallContext call, ChatInput input, Chain chain) {
        CachePolicy policy = policies.get(input.model());
        if (policy == null) {
            return chain.chat(call, input);
        }
        Directives directives = Directives.of(call.cacheControl());
        if (!directives.store()) {
            call.responseHeader(HEADER, "bypass");
            return chain.chat(call, input);
        }
        CacheLookup lookup = CacheLookup.of(policy, call.caller(), input.request());
        return onLoop(call, find(call, lookup, directives), found -> {
            if (found != null) {
                hit(call, found);
                return CompletableFuture.completedFuture(ChatResult.of(found.answer()));
            }
            miss(call);
            return chain.chat(call, input).thenApply(result -> {
                ChatResponse answer = result.response();
                call.whenAnswered(() -> store(call, lookup, answer));
                return result;
            });
        });
    }

    @Override
    public CompletionStage<Void> stream(CallContext call, ChatInput input, ChatEventSink sink, Chain chain) {
        CachePolicy policy = policies.get(input.model());
        if (policy == null) {
            return chain.stream(call, input, sink);
        }
        Directives directives = Directives.of(call.cacheControl());
        if (!directives.store()) {
            call.responseHeader(HEADER, "bypass");
            return chain.stream(call, input, sink);
        }
        CacheLookup lookup = CacheLookup.of(policy, call.caller(), input.request());
        return onLoop(call, find(call, lookup, directives), found -> {
            if (found != null) {
                hit(call, found);
                Replay.play(found.answer(), sink);
                return CompletableFuture.<Void>completedFuture(null);
            }
            miss(call);
            Capture capture = new Capture(sink);
            return chain.stream(call, input, capture).thenApply(done -> {
                if (capture.whole()) {
                    ChatResponse answer = capture.answer(clock.millis() / 1000);
                    call.whenAnswered(() -> store(call, lookup, answer));
                }
                return done;
            });
        });
    }

    /** The stored answer for the call, exact first, then similar; null when there is none or none may be served. */
    private CompletionStage<Found> find(CallContext call, CacheLookup lookup, Directives directives) {
        if (!directives.lookup()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletionStage<StoredAnswer> exact = store.get(lookup.exactKey);
        if (!lookup.semantic()) {
            return exact.thenApply(a -> a == null ? null : new Found(a.answer(), 1, false));
        }
        return onLoop(call, exact, a -> a != null ? CompletableFuture.completedFuture(new Found(a.answer(), 1, false))
                : similar(call, lookup));
    }

    /** Embeds the prompt on a worker and serves the most similar stored prompt's answer, if close enough. */
    private CompletionStage<Found> similar(CallContext call, CacheLookup lookup) {
        double threshold = lookup.policy.semantic().threshold();
        return call.offload(() -> {
            lookup.vector = embedder.embed(lookup.prompt);
            return index.best(lookup.semanticContext, lookup.vector, threshold, clock.millis());
        }).exceptionally(e -> {
            LOG.warn("semantic cache: the prompt could not be embedded ({}); the call goes upstream", e.toString());
            return null;
        }).thenCompose(match -> match == null ? CompletableFuture.completedFuture(null)
                : onLoop(call, store.get(match.key()), a -> CompletableFuture.completedFuture(
                        a == null ? null : new Found(a.answer(), match.similarity(), true))));
    }

    private void hit(CallContext call, Found found) {
        stats.hit(found.semantic());
        call.cacheHit(true);
        call.responseHeader(HEADER, "hit");
        if (found.semantic()) {
            call.responseHeader(SIMILARITY_HEADER, String.format(Locale.ROOT, "%.4f", found.similarity()));
        }
    }

    private void miss(CallContext call) {
        stats.miss();
        call.responseHeader(HEADER, "miss");
    }

    /**
     * Once the call succeeded: stores a storable answer that no output guardrail blocked or masked under the call's
     * key and, for a semantic name, its prompt in the index.
     */
    private void store(CallContext call, CacheLookup lookup, ChatResponse answer) {
        if (!StoredAnswer.storable(answer) || guardedOutput(call.guardrailVerdict())) {
            return;
        }
        long expires = clock.millis() + lookup.policy.ttl().toMillis();
        store.put(lookup.exactKey, new StoredAnswer(answer, expires));
        stats.stored();
        if (!lookup.semantic()) {
            return;
        }
        float[] known = lookup.vector;
        if (known != null) {
            index.add(lookup.semanticContext, known, lookup.exactKey, expires);
        } else { // a no-cache call did not embed its prompt on the way in
            call.offload(() -> {
                index.add(lookup.semanticContext, embedder.embed(lookup.prompt), lookup.exactKey, expires);
                return null;
            }).exceptionally(e -> null);
        }
    }

    /** Whether a guardrail blocked or masked anything in the answer. */
    private static boolean guardedOutput(dev.sluice.api.event.GuardrailVerdict verdict) {
        if (verdict == null) {
            return false;
        }
        for (var f : verdict.findings()) {
            if ("OUTPUT".equals(f.source()) && !dev.sluice.api.event.GuardrailVerdict.NONE.equals(f.action())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Applies {@code next} on the call's loop: at once when {@code stage} is already done (the local store), else on
     * the loop when it completes (Redis answers on its own threads).
     */
    private static <T, R> CompletionStage<R> onLoop(CallContext call, CompletionStage<T> stage,
                                                    Function<T, CompletionStage<R>> next) {
        CompletableFuture<T> f = stage.toCompletableFuture();
        if (f.isDone() && !f.isCompletedExceptionally()) {
            return next.apply(f.join());
        }
        return f.thenComposeAsync(next, call.loop());
    }

    /** Passes a stream's events on while assembling its answer; one whose events were passed through is not kept. */
    private static final class Capture implements ChatEventSink {
        private final ChatEventSink downstream;
        private final ChatResponseAssembler assembler = new ChatResponseAssembler();
        private boolean passed;

        Capture(ChatEventSink downstream) {
            this.downstream = downstream;
        }

        @Override
        public void accept(ChatEvent event) {
            if (event instanceof ChatEvent.Passed) {
                passed = true;
            } else {
                assembler.accept(event);
            }
            downstream.accept(event);
        }

        /** True when the stream ended with the model's stop, every event canonical. */
        boolean whole() { return !passed && assembler.complete(); }

        ChatResponse answer(long createdEpochSeconds) { return assembler.response(createdEpochSeconds); }
    }
}
