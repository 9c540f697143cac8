package dev.sluice.gateway.routing;

/**
 * {@code usage-based}: the available deployment with the largest share of its own {@code rpm}/{@code tpm} limits left
 * over the last minute ({@link Candidates#headroom}); equal shares (an idle route) are broken by weight at random.
 * Comparing shares rather than what is left in absolute terms spreads load in proportion to the limits, so that each
 * deployment nears its quota at the same time instead of the largest one taking every call until it is nearly spent.
 */
final class UsageBasedStrategy implements RouteStrategy {

    @Override
    public String name() { return "usage-based"; }

    @Override
    public int pick(Candidates c) {
        double most = -Double.MAX_VALUE;
        for (int i = 0; i < c.size(); i++) {
            if (c.available(i)) {
                most = Math.max(most, c.headroom(i));
            }
        }
        double best = most;
        return Ties.pick(c, i -> c.headroom(i) >= best);
    }
}
