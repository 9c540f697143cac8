package dev.sluice.gateway.engine;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.gateway.routing.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The routing place of the chain: resolves the public name, with one map lookup, to a model's deployment or to a
 * route. A model without a breaker goes on exactly as before routes existed: the target is set and the chain goes on.
 * A model with a breaker is refused with 503 while its breaker is open. A route runs a {@link RoutedCall}: each of its
 * attempts is the rest of the chain (the deployment's own limits, then the provider invoker), so retries and fallbacks
 * happen where attempts are made and nothing before this step (keys, limits, budgets) runs twice; a route with
 * {@code session_affinity} first tries the deployment the call's session is pinned to. Unknown names fail with 404.
 * A call reads the routing's table once, so a table replaced meanwhile changes only later calls.
 * Thread-safe; one per gateway.
 */
final class Router implements Interceptor {

    /** The longest session id that is pinned. */
    static final int MAX_SESSION = 512;

    private final Routing routing;

    Router(Routing routing) {
        this.routing = routing;
    }

    RoutingSettings settings() { return routing.settings(); }

    @Override
    public CompletionStage<ChatResult> chat(CallContext call, ChatInput input, Chain chain) {
        Object entry = entry(input.model());
        if (entry instanceof DeploymentState d) {
            call.target = d.target;
            return d.breaker == null ? chain.chat(call, input) : guarded(call, d, () -> chain.chat(call, input));
        }
        Route route = (Route) entry;
        return new RoutedCall<ChatResult>(this, route, call, RoutedCall.Estimate.of(input),
                session(call, route, () -> input.peek().user()), a -> chain.chat(call, input), Router::refused)
                .start();
    }

    @Override
    public CompletionStage<Void> stream(CallContext call, ChatInput input, ChatEventSink sink, Chain chain) {
        Object entry = entry(input.model());
        if (entry instanceof DeploymentState d) {
            call.target = d.target;
            return d.breaker == null ? chain.stream(call, input, sink)
                    : guarded(call, d, () -> chain.stream(call, input, sink));
        }
        Route route = (Route) entry;
        return new RoutedCall<Void>(this, route, call, RoutedCall.Estimate.of(input),
                session(call, route, () -> input.peek().user()), a -> chain.stream(call, input, a.sink(sink)),
                done -> false).start();
    }

    @Override
    public CompletionStage<EmbeddingResponse> embed(CallContext call, EmbeddingRequest request, Chain chain) {
        Object entry = entry(request.model());
        if (entry instanceof DeploymentState d) {
            call.target = d.target;
            return d.breaker == null ? chain.embed(call, request) : guarded(call, d, () -> chain.embed(call, request));
        }
        Route route = (Route) entry;
        return new RoutedCall<EmbeddingResponse>(this, route, call, RoutedCall.Estimate.of(request),
                session(call, route, request::user), a -> chain.embed(call, request), done -> false).start();
    }

    /** Whether a whole answer is an upstream content filter's refusal (not this gateway's own guardrail's). */
    private static boolean refused(ChatResult answer) {
        var stop = answer.stopReason();
        return stop == dev.sluice.api.chat.StopReason.CONTENT_FILTERED || stop == dev.sluice.api.chat.StopReason.REFUSAL;
    }

    /**
     * The call's session as the route's pins key it, or null when no route of its plan pins sessions or the call names
     * none: the {@code x-sluice-session} header, else the API's user field ({@code user}, Anthropic's
     * {@code metadata.user_id}: reading it decodes the request, so the header is the cheaper way), prefixed with the
     * caller's key so that two keys' sessions never share a pin. Ids longer than {@value #MAX_SESSION} characters are
     * not pinned.
     */
    private static String session(CallContext call, Route route, Supplier<String> user) {
        if (!route.pinsSessions()) {
            return null;
        }
        String id = call.sessionHeader();
        if (id == null || id.isBlank()) {
            id = user.get();
        }
        if (id == null || id.isBlank() || id.length() > MAX_SESSION) {
            return null;
        }
        return (call.caller() == null ? "" : call.caller().keyId()) + '\n' + id;
    }

    private Object entry(String name) {
        Object entry = name == null ? null : routing.entries().get(name); // one table for the whole call
        if (entry == null) {
            throw ModelRegistry.notFound(name);
        }
        return entry;
    }

    /** One attempt on a model with a breaker: refused while it is open, its outcome counted. */
    private static <T> CompletionStage<T> guarded(CallContext call, DeploymentState d,
                                                  Supplier<CompletionStage<T>> attempt) {
        int permit = d.breaker.tryAcquire();
        if (permit == CircuitBreaker.DENIED) {
            throw open(d.name(), d.breaker.nanosUntilProbe()).toException();
        }
        CompletionStage<T> stage;
        try {
            stage = attempt.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.whenComplete((v, e) -> d.record(permit, e));
    }

    /** The 503 of a name whose every deployment's breaker is open, with when to try again. */
    static GatewayError open(String name, long nanosUntilProbe) {
        Duration retry = Duration.ofSeconds(Math.max(1, (nanosUntilProbe + 999_999_999L) / 1_000_000_000L));
        return new GatewayError(ErrorType.UPSTREAM_UNAVAILABLE, 503, "No deployment of '" + name + "' is available"
                + " now: its circuit breaker is open after repeated upstream failures; try again in "
                + retry.toSeconds() + " s.", null, retry, null);
    }
}
