package dev.sluice.gateway.routing;

/**
 * {@code least-busy}: the available deployment with the fewest attempts in flight on this node. Ties are broken at
 * random (in proportion to weight), so that an idle route does not send everything to its first deployment.
 */
final class LeastBusyStrategy implements RouteStrategy {

    @Override
    public String name() { return "least-busy"; }

    @Override
    public int pick(Candidates c) {
        int least = Integer.MAX_VALUE;
        for (int i = 0; i < c.size(); i++) {
            if (c.available(i)) {
                least = Math.min(least, c.inFlight(i));
            }
        }
        int fewest = least;
        return Ties.pick(c, i -> c.inFlight(i) == fewest);
    }
}
