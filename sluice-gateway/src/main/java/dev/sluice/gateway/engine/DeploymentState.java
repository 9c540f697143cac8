package dev.sluice.gateway.engine;

import dev.sluice.api.access.CallCosts;
import dev.sluice.api.access.Limits;
import dev.sluice.gateway.config.ModelConfig;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.gateway.routing.CircuitBreaker;
import dev.sluice.gateway.routing.LatencyEstimate;
import dev.sluice.gateway.routing.UsageWindow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the routing knows of one deployment on this node, shared by every route and call that uses it: its target, its
 * circuit breaker (null when it has none), its attempts in flight, its decayed latency, its use of its own rate limits,
 * its context window and its prices per token.
 * Thread-safe.
 */
final class DeploymentState {

    final Target target;
    final CircuitBreaker breaker;
    final AtomicInteger inFlight = new AtomicInteger();
    final LatencyEstimate latency = new LatencyEstimate();
    /** Micro-dollars per input and per output token (0 when unpriced). */
    final double inputPrice;
    final double outputPrice;
    /** Its use of its own rpm/tpm limits over the last minute on this node; null when it has neither. */
    final UsageWindow usage;
    /** The most tokens its upstream model takes; 0 when unknown. */
    final long contextWindow;

    /** @param config its {@code models:} entry, or null (its limits and context window are then unknown) */
    DeploymentState(Target target, CircuitBreaker breaker, CallCosts costs, ModelConfig config) {
        this.target = target;
        this.breaker = breaker;
        Limits limits = config == null ? null : config.limits();
        this.contextWindow = config == null ? 0 : config.contextWindow();
        this.usage = limits == null || (limits.rpm() <= 0 && limits.tpm() <= 0) ? null
                : new UsageWindow(limits.rpm(), limits.tpm());
        String name = target.deployment().name();
        this.inputPrice = costs.micros(name, Usage.of(1_000_000, 0)) / 1e6;
        this.outputPrice = costs.micros(name, Usage.of(0, 1_000_000)) / 1e6;
    }

    String name() { return target.deployment().name(); }

    /** An attempt on it starts at {@code now}, expected to use {@code tokens}: counted against its own limits. */
    void started(long tokens, long now) {
        if (usage != null) {
            usage.started(tokens, now);
        }
    }

    /** An attempt on it expected to use {@code expected} tokens used {@code used}. */
    void settled(long expected, long used, long now) {
        if (usage != null) {
            usage.settled(expected, used, now);
        }
    }

    /** Its share of its own limits left ({@link UsageWindow#headroom}); 1 when it has none. */
    double headroom(long now) {
        return usage == null ? 1 : usage.headroom(now);
    }

    /**
     * The error of a failed attempt, when the upstream (not the caller, not this gateway's own limits) failed and
     * another attempt may succeed: 429, 5xx, connect errors and timeouts. Null for everything else.
     */
    static GatewayError upstreamFailure(Throwable failure) {
        if (Gateway.unwrap(failure) instanceof GatewayException g && retryable(g.error())
                && g.error().provider() != null) {
            return g.error();
        }
        return null;
    }

    /** Whether another attempt may succeed where this one failed: 429, or any 5xx the caller would see. */
    static boolean retryable(GatewayError e) {
        return e.status() == 429 || e.status() >= 500;
    }

    /** Tells the breaker how the attempt it let through as {@code permit} ended. */
    void record(int permit, Throwable failure) {
        if (breaker == null) {
            return;
        }
        if (failure == null) {
            breaker.onSuccess(permit);
            return;
        }
        GatewayError upstream = upstreamFailure(failure);
        if (upstream != null) {
            breaker.onFailure(permit, upstream.retryAfter());
        } else if (Gateway.unwrap(failure) instanceof GatewayException) {
            breaker.onSuccess(permit); // the upstream answered; the caller's request (or our limit) was at fault
        } else {
            breaker.onIgnored(permit); // the caller left: nothing learnt of the upstream
        }
    }
}
