package dev.sluice.app;

import dev.sluice.api.access.CallCosts;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.GatewayException;
import dev.sluice.gateway.engine.ModelRegistry;
import dev.sluice.gateway.engine.Target;
import dev.sluice.store.cost.PriceCatalog;

/**
 * Budgets' prices: a public model's deployment, its price in the catalog (by upstream model, else public name), and
 * the cost of a usage at it, in micro-dollars rounded up; a route costs what its dearest deployment (fallbacks
 * included) would, so that a reservation covers wherever the call goes. An unknown model or one without a price
 * costs 0. Thread-safe.
 */
final class PricedCalls implements CallCosts {

    private final ModelRegistry models;
    private final PriceCatalog prices;

    PricedCalls(ModelRegistry models, PriceCatalog prices) {
        this.models = models;
        this.prices = prices;
    }

    @Override
    public long micros(String publicModel, Usage usage) {
        if (publicModel == null || usage == null || usage.totalTokens() <= 0) {
            return 0;
        }
        if (models.route(publicModel) != null) { // the dearest deployment it may be served by
            long most = 0;
            for (Target t : models.servingTargets(publicModel)) {
                most = Math.max(most, cost(t, t.deployment().name(), usage));
            }
            return most;
        }
        Target t;
        try {
            t = models.resolve(publicModel);
        } catch (GatewayException e) {
            return 0;
        }
        return cost(t, publicModel, usage);
    }

    private long cost(Target t, String name, Usage usage) {
        return prices.find(t.deployment().upstreamModel(), name).map(p -> PriceCatalog.costMicros(usage, p))
                .orElse(0L);
    }
}
