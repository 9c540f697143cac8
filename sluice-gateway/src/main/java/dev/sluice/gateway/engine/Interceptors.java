package dev.sluice.gateway.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The interceptor chain, in its one fixed order, built from config. Read top to bottom, a call goes:
 *
 * <ol>
 *   <li><b>authentication</b>, at the HTTP edge, before the body is read or decoded, for every route alike (so an
 *       unknown caller costs no parsing and leaves no ledger row); the caller is on {@link CallContext#caller()};
 *       then the key's model list ({@link KeyPolicy}): a model it may not call is a 403;</li>
 *   <li><b>limits and budgets</b> (per key, team, use case and deployment): {@link RateLimits} and
 *       {@link Budgets}, counted on this node or shared by the cluster's nodes;</li>
 *   <li><b>input guardrails</b>;</li>
 *   <li><b>routing</b> ({@link Router}, built by {@link Routing}): the public name to a model's one deployment
 *       (behind its circuit breaker, if it has one), or to a route, whose attempts (retries with backoff, fallbacks
 *       to other deployments and routes) each run the rest of the chain once; right before it, the response cache
 *       ({@link dev.sluice.gateway.cache.ResponseCache}, added by {@link #withCache}), whose hits answer there;</li>
 *   <li>per attempt, the chosen <b>deployment's own limits</b> ({@code models[].limits});</li>
 *   <li>the <b>provider</b> ({@link ProviderInvoker}, the end of the chain): one attempt under its timeouts;</li>
 *   <li><b>output guardrails</b>, which wrap the answer or the stream's sink on the way back.</li>
 * </ol>
 *
 * <p>Every interceptor runs on the call's event loop and returns a stage; none blocks that thread. Blocking work
 * (JDBC, ONNX models, heavy regexes) goes through {@link CallContext#offload}, which runs it on the bounded worker
 * pool and comes back to the loop.
 */
public final class Interceptors {

    private Interceptors() { }

    /**
     * {@code chain} with the guardrails' interceptor in its place (step 3 and 6 above): right after the budgets, so
     * that it runs before routing on the way in and wraps the answer on the way back.
     */
    public static List<Interceptor> withGuardrails(List<Interceptor> chain, Interceptor guardrails) {
        List<Interceptor> out = new ArrayList<>(chain);
        int at = 0;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) instanceof Budgets) {
                at = i + 1;
            }
        }
        out.add(at, guardrails);
        return List.copyOf(out);
    }

    /**
     * {@code chain} with the response cache in its place: right before routing (so after the keys, limits, budgets
     * and input guardrails, and inside the output guardrails, which check every answer the cache serves).
     */
    public static List<Interceptor> withCache(List<Interceptor> chain, Interceptor cache) {
        List<Interceptor> out = new ArrayList<>(chain);
        int at = out.size();
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) instanceof Router) {
                at = i;
                break;
            }
        }
        out.add(at, cache);
        return List.copyOf(out);
    }

    /** The chain for a config's models, in the order above (the provider invoker is appended by the gateway). */
    public static List<Interceptor> build(ModelRegistry models) {
        return build(models, dev.sluice.api.access.KeyDirectory.NONE);
    }

    /** As above, with routing of its own (an injected clock and randomness). */
    public static List<Interceptor> build(ModelRegistry models, Routing routing) {
        return build(models, dev.sluice.api.access.KeyDirectory.NONE, dev.sluice.api.access.CallCosts.NONE,
                new LocalLimits(), new LocalBudgets(dev.sluice.api.access.Spend.NONE,
                        dev.sluice.api.access.BudgetAlerts.NONE, new WorkerPool(1)), java.util.Map.of(), routing);
    }

    /** As above, with the virtual keys' model lists checked first ({@link KeyPolicy}), then their limits. */
    public static List<Interceptor> build(ModelRegistry models, dev.sluice.api.access.KeyDirectory keys) {
        return build(models, keys, dev.sluice.api.access.CallCosts.NONE, new LocalLimits(),
                new LocalBudgets(dev.sluice.api.access.Spend.NONE, dev.sluice.api.access.BudgetAlerts.NONE,
                        new WorkerPool(1)), java.util.Map.of());
    }

    /**
     * The whole chain: the keys' model lists ({@link KeyPolicy}), rate limits ({@link RateLimits}, counted by
     * {@code limits}), money budgets ({@link Budgets}, priced by {@code costs}, counted by {@code budgets}), then
     * routing, then the chosen deployment's own limits ({@code deploymentLimits}, by deployment name).
     */
    public static List<Interceptor> build(ModelRegistry models, dev.sluice.api.access.KeyDirectory keys,
                                          dev.sluice.api.access.CallCosts costs,
                                          dev.sluice.api.access.LimitCounters limits,
                                          dev.sluice.api.access.BudgetCounters budgets,
                                          java.util.Map<String, dev.sluice.api.access.Limits> deploymentLimits) {
        return build(models, keys, costs, limits, budgets, deploymentLimits,
                Routing.of(models, costs, RoutingSettings.DEFAULT));
    }

    /** As above, routed by {@code routing} (built over the same {@code models}). */
    public static List<Interceptor> build(ModelRegistry models, dev.sluice.api.access.KeyDirectory keys,
                                          dev.sluice.api.access.CallCosts costs,
                                          dev.sluice.api.access.LimitCounters limits,
                                          dev.sluice.api.access.BudgetCounters budgets,
                                          java.util.Map<String, dev.sluice.api.access.Limits> deploymentLimits,
                                          Routing routing) {
        List<Interceptor> chain = new ArrayList<>();
        chain.add(new KeyPolicy(keys));
        chain.add(new RateLimits(keys, limits));
        chain.add(new Budgets(keys, costs, budgets));
        chain.add(routing.interceptor());
        if (!deploymentLimits.isEmpty()) {
            chain.add(RateLimits.forDeployments(deploymentLimits, limits)); // once routing has chosen the deployment
        }
        return List.copyOf(chain);
    }
}
