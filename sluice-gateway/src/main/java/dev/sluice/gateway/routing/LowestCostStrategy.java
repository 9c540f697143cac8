package dev.sluice.gateway.routing;

/**
 * {@code lowest-cost}: among the available deployments this request fits ({@link Candidates#fits}: its estimated
 * prompt and output limit within the model's {@code context_window}), the one where its estimated tokens cost least at
 * the price catalog's prices; equal costs (unpriced deployments cost 0) are broken by weight at random. When it fits
 * none, the one with the largest context window (the cheapest of those), which is the likeliest to take it.
 */
final class LowestCostStrategy implements RouteStrategy {

    @Override
    public String name() { return "lowest-cost"; }

    @Override
    public int pick(Candidates c) {
        boolean anyFits = false;
        long largest = 0;
        for (int i = 0; i < c.size(); i++) {
            if (c.available(i)) {
                anyFits |= c.fits(i);
                largest = Math.max(largest, c.contextWindow(i));
            }
        }
        boolean fitting = anyFits;
        long widest = largest;
        java.util.function.IntPredicate eligible = fitting ? c::fits : i -> c.contextWindow(i) == widest;
        double lowest = Double.MAX_VALUE;
        for (int i = 0; i < c.size(); i++) {
            if (c.available(i) && eligible.test(i)) {
                lowest = Math.min(lowest, c.expectedCostMicros(i));
            }
        }
        double min = lowest;
        return Ties.pick(c, i -> eligible.test(i) && c.expectedCostMicros(i) <= min);
    }
}
