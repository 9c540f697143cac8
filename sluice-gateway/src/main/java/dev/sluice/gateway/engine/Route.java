package dev.sluice.gateway.engine;

import dev.sluice.gateway.routing.RetryPolicy;
import dev.sluice.gateway.routing.RouteStrategy;
import dev.sluice.gateway.routing.SessionPins;

/**
 * A route as the router runs it: its deployments' shared states and weights, its strategy and retry policy, its
 * session pins (null without {@code session_affinity}) and its plan: itself, then its fallbacks depth first, each
 * once (cycles were refused at load). Its context-window and content-policy plans are what a call moves to when an
 * upstream refuses the prompt as too long or its content filter refuses it: the plans of those fallbacks (routes, or
 * models run as one-deployment routes), one after another, each route once; empty when it has none. Immutable once
 * built, but for the pins, which are thread-safe.
 */
final class Route {

    final String name;
    final DeploymentState[] members;
    final int[] weights;
    final RouteStrategy strategy;
    final RetryPolicy retry;
    final SessionPins pins;
    Route[] plan;
    Route[] contextWindowPlan = NONE;
    Route[] contentPolicyPlan = NONE;

    static final Route[] NONE = new Route[0];

    Route(String name, DeploymentState[] members, int[] weights, RouteStrategy strategy, RetryPolicy retry,
          SessionPins pins) {
        this.name = name;
        this.members = members;
        this.weights = weights;
        this.strategy = strategy;
        this.retry = retry;
        this.pins = pins;
    }

    /** Whether any route of the plan pins sessions: only then is a call's session worked out. */
    boolean pinsSessions() {
        for (Route r : plan) {
            if (r.pins != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The member {@code session} is pinned to, when it is among {@code available} (bits); else -1: no session, no
     * pin, its deployment is gone from the route or may not be picked now (breaker open, already tried), or it is a
     * standby (weight 0) while a weighted member is available, so that a session that moved to a standby during an
     * outage comes back.
     */
    int pinned(String session, long available) {
        String deployment = pins == null || session == null ? null : pins.deployment(session);
        if (deployment == null) {
            return -1;
        }
        for (int i = 0; i < members.length; i++) {
            if (members[i].name().equals(deployment)) {
                return (available >>> i & 1) != 0 && (weights[i] > 0 || !weightedIn(available)) ? i : -1;
            }
        }
        return -1;
    }

    private boolean weightedIn(long available) {
        for (int i = 0; i < members.length; i++) {
            if ((available >>> i & 1) != 0 && weights[i] > 0) {
                return true;
            }
        }
        return false;
    }

    /** Pins {@code session} (when there is one and this route pins) to the member that just served it. */
    void served(String session, DeploymentState d) {
        if (pins != null && session != null) {
            pins.pin(session, d.name());
        }
    }
}
