package dev.sluice.gateway.routing;

/**
 * {@code lowest-latency}: the available deployment whose decayed latency estimate for this request is lowest
 * ({@link LatencyEstimate}). A deployment never measured is tried first, and {@value #EXPLORE_PERCENT}% of picks go to
 * the available deployment measured longest ago, so that an estimate that went stale (a deployment that became
 * faster) is measured again within a few tens of calls: without that, the first deployment to look fast would keep all
 * the traffic whatever happened to the others (the complaint "latency routing slower than random").
 */
final class LowestLatencyStrategy implements RouteStrategy {

    static final int EXPLORE_PERCENT = 5;

    @Override
    public String name() { return "lowest-latency"; }

    @Override
    public int pick(Candidates c) {
        for (int i = 0; i < c.size(); i++) {
            if (c.available(i) && !c.measured(i)) {
                return Ties.pick(c, j -> !c.measured(j));
            }
        }
        if (c.random().nextInt(100) < EXPLORE_PERCENT) {
            int stalest = -1;
            for (int i = 0; i < c.size(); i++) {
                if (c.available(i) && (stalest < 0 || c.sinceMeasuredNanos(i) > c.sinceMeasuredNanos(stalest))) {
                    stalest = i;
                }
            }
            return stalest;
        }
        int best = -1;
        double lowest = Double.MAX_VALUE;
        for (int i = 0; i < c.size(); i++) {
            if (c.available(i) && c.expectedLatencyNanos(i) < lowest) {
                lowest = c.expectedLatencyNanos(i);
                best = i;
            }
        }
        return best;
    }
}
