package dev.sluice.gateway.routing;

/**
 * {@code lowest-cost}: the available deployment where this request's estimated tokens (its prompt by length, its
 * output limit) cost least at the price catalog's prices; equal costs (unpriced deployments cost 0) are broken by
 * weight at random.
 */
final class LowestCostStrategy implements RouteStrategy {

    @Override
    public String name() { return "lowest-cost"; }

    @Override
    public int pick(Candidates c) {
        double lowest = Double.MAX_VALUE;
        for (int i = 0; i < c.size(); i++) {
            if (c.available(i)) {
                lowest = Math.min(lowest, c.expectedCostMicros(i));
            }
        }
        double min = lowest;
        return Ties.pick(c, i -> c.expectedCostMicros(i) <= min);
    }
}
