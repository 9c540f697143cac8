package dev.sluice.gateway.engine;

import dev.sluice.gateway.routing.RetryPolicy;
import dev.sluice.gateway.routing.RouteStrategy;

/**
 * A route as the router runs it: its deployments' shared states and weights, its strategy and retry policy, and its
 * plan: itself, then its fallbacks depth first, each once (cycles were refused at load). Its context-window and
 * content-policy plans are what a call moves to when an upstream refuses the prompt as too long or its content filter
 * refuses it: the plans of those fallbacks (routes, or models run as one-deployment routes), one after another, each
 * route once; empty when it has none. Immutable once built.
 */
final class Route {

    final String name;
    final DeploymentState[] members;
    final int[] weights;
    final RouteStrategy strategy;
    final RetryPolicy retry;
    Route[] plan;
    Route[] contextWindowPlan = NONE;
    Route[] contentPolicyPlan = NONE;

    static final Route[] NONE = new Route[0];

    Route(String name, DeploymentState[] members, int[] weights, RouteStrategy strategy, RetryPolicy retry) {
        this.name = name;
        this.members = members;
        this.weights = weights;
        this.strategy = strategy;
        this.retry = retry;
    }
}
