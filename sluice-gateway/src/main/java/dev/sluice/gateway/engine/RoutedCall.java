package dev.sluice.gateway.engine;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.event.AttemptRecord;
import dev.sluice.gateway.routing.Candidates;
import dev.sluice.gateway.routing.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * One call on a route: its attempts, one after another, until one answers or nothing is left to try. For each it asks
 * the route's strategy for a deployment among those whose breaker lets calls in, preferring those this call has not
 * tried, and the one its session is pinned to (when the route has {@code session_affinity} and that deployment may be
 * picked and its context window takes the request); it moves to an untried deployment at once, and back to a tried one only after the retry policy's backoff
 * (full jitter, at least the upstream's {@code retry-after}), on the call's event loop (a timer, never a sleeping
 * thread). Only upstream failures that another attempt may cure (429, 5xx, connect errors, timeouts) are retried; the
 * caller's own errors (other 4xx) and its departure end the call at once, as does any failure of a stream after its
 * first event went to the caller. When a route's retries are spent, or none of its deployments is available, the
 * call falls back to the next route of its plan; nothing is tried past the route's deadline, which also bounds each
 * attempt's own total timeout. The caller sees the last attempt's error.
 *
 * <p>An upstream that refuses the prompt as too long for its context window, or whose content filter refuses the
 * request or withholds a whole answer, is not retried: the call moves to the route's context-window or content-policy
 * fallbacks ({@link Route#contextWindowPlan}, {@link Route#contentPolicyPlan}), or gives the caller that 400 when
 * there are none. Each attempt carries why it was made ({@link AttemptRecord#reason()}): nothing for the first,
 * retry, fallback, or the kind of refusal it answers.
 *
 * <p>Every attempt sets {@code x-sluice-deployment} and {@code x-sluice-attempts} on the caller's answer, counts in
 * its deployment's in-flight number and usage window, tells its breaker how it ended, and feeds its latency estimate
 * when it succeeded (or timed out); one that succeeded pins the call's session to its deployment. Confined to the
 * call's event loop; the result completes there.
 */
final class RoutedCall<T> implements Candidates {

    /** What the request is expected to use: prompt tokens (by length) and output tokens (its limit, or a guess). */
    record Estimate(long inputTokens, long outputTokens) {
        /** Output tokens assumed for latency when a request sets no limit: a typical answer, not the worst. */
        static final long TYPICAL_OUTPUT = 256;

        static Estimate of(ChatInput input) {
            Usage worst = WorstCase.of(input);
            Integer limit = input.peek().maxTokens();
            return new Estimate(worst.inputTokens(), limit == null || limit <= 0 ? TYPICAL_OUTPUT : limit);
        }

        static Estimate of(EmbeddingRequest request) {
            return new Estimate(WorstCase.of(request).inputTokens(), 0);
        }
    }

    private final Router router;
    private final CallContext call;
    private final Estimate estimate;
    /** The caller's session as the routes' pins know it (key and session id), or null: not pinned. */
    private final String session;
    private final Function<RoutedCall<T>, CompletionStage<T>> attempt;
    private final Predicate<T> refused;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Route origin;
    private Route[] plan;
    private int planIndex;
    private Route route;
    /** On {@link System#nanoTime()}: the call's start plus the route's {@code timeout_ms}. */
    private final long deadline;
    /** Deployments of the current route this call tried, and those it may pick now, as bits. */
    private long tried;
    private long pickable;
    private int attemptsOnRoute;
    private int attempts;
    private GatewayException last;
    private AttemptSink sink;
    /** Why the next attempt is made when it is not a plain retry: a fallback of some kind; null otherwise. */
    private String switchReason;
    /** Context-window and content-policy fallbacks taken so far: at most {@link #MAX_SPECIAL_FALLBACKS}. */
    private int specialFallbacks;
    /** The kind of fallbacks the plan now is (a reason), or null while it is the named route's own plan. */
    private String specialPlan;
    static final int MAX_SPECIAL_FALLBACKS = 4;

    /**
     * @param session the caller's session as the routes' pins key it, or null: not pinned
     * @param refused whether a successful attempt's answer is a content filter's refusal, which the route's
     *     {@code content_policy_fallbacks} (if any) answer again; never true of a stream (its end is too late)
     */
    RoutedCall(Router router, Route route, CallContext call, Estimate estimate, String session,
               Function<RoutedCall<T>, CompletionStage<T>> attempt, Predicate<T> refused) {
        this.router = router;
        this.call = call;
        this.estimate = estimate;
        this.session = session;
        this.attempt = attempt;
        this.refused = refused;
        this.origin = route;
        this.plan = route.plan;
        this.route = route;
        this.deadline = call.startNanos() + route.retry.deadline().toNanos();
        call.route = route.name;
        call.deadlineNanos = deadline;
    }

    CompletionStage<T> start() {
        next();
        return result;
    }

    private long clock() { return router.settings().nanoClock().getAsLong(); }

    /** Picks and starts the next attempt, now or after a backoff, or ends the call when nothing is left. */
    private void next() {
        if (call.cancelReason() != null) {
            result.completeExceptionally(new ClientGoneException(call.cancelReason()));
            return;
        }
        while (planIndex < plan.length) {
            route = plan[planIndex];
            long available = available();
            boolean retry = attemptsOnRoute > 0;
            long delay = 0;
            if (retry && attemptsOnRoute > route.retry.maxRetries()) {
                available = 0; // this route's retries are spent
            } else if ((available & ~tried) != 0) {
                available &= ~tried;
            } else if (retry && available != 0) {
                delay = route.retry.backoffNanos(attemptsOnRoute, last == null ? null : last.error().retryAfter(),
                        random());
            } else {
                available = 0;
            }
            if (available == 0 || System.nanoTime() + delay - deadline >= 0) {
                planIndex++; // fall back to the next route of the plan, if any
                tried = 0;
                attemptsOnRoute = 0;
                if (switchReason == null) {
                    switchReason = AttemptRecord.FALLBACK;
                }
                continue;
            }
            pickable = available;
            int i = route.pinned(session, available);
            i = i >= 0 && fits(i) ? i : route.strategy.pick(this);
            if (i < 0 || i >= route.members.length || (available >>> i & 1) == 0) {
                i = Long.numberOfTrailingZeros(available); // a strategy that broke its contract
            }
            attemptsOnRoute++;
            int chosen = i;
            String why = switchReason != null ? switchReason
                    : attempts == 0 ? null : AttemptRecord.RETRY;
            switchReason = null;
            if (delay > 0) {
                call.loop().schedule(() -> dispatch(chosen, why), delay, TimeUnit.NANOSECONDS);
            } else {
                dispatch(chosen, why);
            }
            return;
        }
        result.completeExceptionally(last != null ? last : Router.open(plan[0].name, soonestProbe()).toException());
    }

    /** The members of the current route whose breaker lets calls in now, as bits. */
    private long available() {
        long bits = 0;
        DeploymentState[] members = route.members;
        for (int i = 0; i < members.length; i++) {
            if (members[i].breaker == null || members[i].breaker.allows()) {
                bits |= 1L << i;
            }
        }
        return bits;
    }

    private long soonestProbe() {
        long soonest = Long.MAX_VALUE;
        for (Route r : plan) {
            for (DeploymentState d : r.members) {
                soonest = Math.min(soonest, d.breaker == null ? 0 : d.breaker.nanosUntilProbe());
            }
        }
        return soonest == Long.MAX_VALUE ? 0 : soonest;
    }

    private void dispatch(int i, String why) {
        if (call.cancelReason() != null) {
            result.completeExceptionally(new ClientGoneException(call.cancelReason()));
            return;
        }
        DeploymentState d = route.members[i];
        tried |= 1L << i;
        int permit = d.breaker == null ? CircuitBreaker.CALL : d.breaker.tryAcquire();
        if (permit == CircuitBreaker.DENIED) { // another call took the half-open probe meanwhile
            attemptsOnRoute--;
            if (switchReason == null) {
                switchReason = why;
            }
            next();
            return;
        }
        call.target = d.target;
        call.nextAttemptReason = why;
        attempts++;
        call.responseHeader("x-sluice-deployment", d.name());
        call.responseHeader("x-sluice-attempts", Integer.toString(attempts));
        d.inFlight.incrementAndGet();
        long started = clock();
        d.started(expectedTokens(), started);
        CompletionStage<T> stage;
        try {
            stage = attempt.apply(this);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        AttemptSink streamed = sink;
        stage.whenComplete((value, failure) -> ended(d, permit, started, streamed, value, failure));
    }

    private void ended(DeploymentState d, int permit, long started, AttemptSink streamed, T value,
                       Throwable failure) {
        d.inFlight.decrementAndGet();
        long took = clock() - started;
        if (streamed != null) {
            streamed.open = false; // a late event of an abandoned attempt goes nowhere
        }
        d.record(permit, failure);
        d.settled(expectedTokens(), usedTokens(value), clock());
        if (failure == null) {
            route.served(session, d);
            if (streamed != null && streamed.firstAt >= 0) {
                long now = clock();
                d.latency.sample(streamed.firstAt - started, now - streamed.firstAt, call.usage().outputTokens(),
                        now);
            } else {
                d.latency.sample(took, 0, 0, started + took);
            }
            if (streamed == null && refused.test(value)
                    && switchTo(route.contentPolicyPlan, origin.contentPolicyPlan,
                    AttemptRecord.CONTENT_POLICY_FALLBACK)) {
                call.lastAttemptRefused(value instanceof ChatResult r ? r.usage() : null);
                next(); // the refusal is dropped: the designated route or model answers instead
                return;
            }
            result.complete(value);
            return;
        }
        GatewayError upstream = DeploymentState.upstreamFailure(failure);
        Throwable cause = Gateway.unwrap(failure);
        if (upstream != null && upstream.type() == ErrorType.TIMEOUT) {
            d.latency.sample(took, 0, 0, started + took); // one that times out is slow, whatever it measured before
        }
        boolean untouched = (streamed == null || !streamed.passed) && !call.streamStarted();
        if (untouched && cause instanceof GatewayException g && special(g.error().type())) {
            last = g;
            next();
            return;
        }
        boolean again = cause instanceof GatewayException g && DeploymentState.retryable(g.error()) && untouched;
        if (!again) {
            result.completeExceptionally(cause);
            return;
        }
        last = (GatewayException) cause;
        next();
    }

    /**
     * Moves the call to the context-window or content-policy fallbacks that answer an upstream error of
     * {@code type}, if the route has them; false when the error ends the call as it is.
     */
    private boolean special(ErrorType type) {
        return switch (type) {
            case CONTEXT_WINDOW_EXCEEDED -> switchTo(route.contextWindowPlan, origin.contextWindowPlan,
                    AttemptRecord.CONTEXT_WINDOW_FALLBACK);
            case CONTENT_FILTERED -> switchTo(route.contentPolicyPlan, origin.contentPolicyPlan,
                    AttemptRecord.CONTENT_POLICY_FALLBACK);
            default -> false;
        };
    }

    /**
     * Moves the call on for a refusal of kind {@code reason}: to {@code own} (the current route's fallbacks of that
     * kind) when it has some; else, when the call is already on fallbacks of that kind, to the next of them; else to
     * {@code inherited} (those of the route the caller named). At most {@link #MAX_SPECIAL_FALLBACKS} such moves per
     * call, so that fallbacks that point back at each other end. False when there is nowhere to go.
     */
    private boolean switchTo(Route[] own, Route[] inherited, String reason) {
        if (specialFallbacks >= MAX_SPECIAL_FALLBACKS) {
            return false;
        }
        if (own.length == 0 && reason.equals(specialPlan)) {
            if (planIndex + 1 >= plan.length) {
                return false;
            }
            planIndex++;
        } else {
            Route[] to = own.length > 0 ? own : inherited;
            if (to.length == 0) {
                return false;
            }
            plan = to;
            planIndex = 0;
            specialPlan = reason;
        }
        specialFallbacks++;
        tried = 0;
        attemptsOnRoute = 0;
        switchReason = reason;
        return true;
    }

    /** The tokens an attempt used: its answer's, or what a stream (or a failed attempt) reported on the call. */
    private long usedTokens(T value) {
        if (value instanceof ChatResult r) {
            return r.usage().totalTokens();
        }
        if (value instanceof dev.sluice.api.embed.EmbeddingResponse e) {
            return e.usage().totalTokens();
        }
        return call.usage().totalTokens();
    }

    /** The caller's sink for the next attempt of a stream: notes its first event and that it reached the caller. */
    ChatEventSink sink(ChatEventSink caller) {
        sink = new AttemptSink(caller);
        return sink;
    }

    /** One attempt's view of the caller's stream. */
    private final class AttemptSink implements ChatEventSink {
        private final ChatEventSink caller;
        boolean open = true;
        boolean passed;
        long firstAt = -1;

        AttemptSink(ChatEventSink caller) {
            this.caller = caller;
        }

        @Override
        public void accept(ChatEvent event) {
            if (!open) {
                return;
            }
            if (firstAt < 0) {
                firstAt = clock();
            }
            passed = true;
            caller.accept(event);
        }
    }

    // the strategy's view of the current route

    @Override public int size() { return route.members.length; }

    @Override public boolean available(int i) { return (pickable >>> i & 1) != 0; }

    @Override public String deployment(int i) { return route.members[i].name(); }

    @Override public int weight(int i) { return route.weights[i]; }

    @Override public int inFlight(int i) { return route.members[i].inFlight.get(); }

    @Override public boolean measured(int i) { return route.members[i].latency.measured(); }

    @Override public long sinceMeasuredNanos(int i) { return clock() - route.members[i].latency.sampledAt(); }

    @Override
    public double expectedLatencyNanos(int i) {
        return route.members[i].latency.expectedNanos(estimate.outputTokens());
    }

    @Override
    public double expectedCostMicros(int i) {
        DeploymentState d = route.members[i];
        return estimate.inputTokens() * d.inputPrice + estimate.outputTokens() * d.outputPrice;
    }

    @Override public double headroom(int i) { return route.members[i].headroom(clock()); }

    @Override
    public long contextWindow(int i) { return route.members[i].contextWindow; }

    @Override
    public long expectedTokens() { return estimate.inputTokens() + estimate.outputTokens(); }

    @Override public RandomGenerator random() { return router.settings().random(); }
}
