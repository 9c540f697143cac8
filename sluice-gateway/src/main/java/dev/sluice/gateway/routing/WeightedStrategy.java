package dev.sluice.gateway.routing;

/**
 * {@code weighted}: at random, in proportion to the weights of the available deployments; deployments of weight 0
 * are standbys, picked (uniformly) only when no weighted one is available.
 */
final class WeightedStrategy implements RouteStrategy {

    @Override
    public String name() { return "weighted"; }

    @Override
    public int pick(Candidates c) {
        return pickWeighted(c);
    }

    static int pickWeighted(Candidates c) {
        long total = 0;
        for (int i = 0; i < c.size(); i++) {
            if (c.available(i)) {
                total += c.weight(i);
            }
        }
        if (total == 0) {
            return uniform(c);
        }
        long r = c.random().nextLong(total);
        for (int i = 0; i < c.size(); i++) {
            if (c.available(i)) {
                r -= c.weight(i);
                if (r < 0) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("no available deployment");
    }

    /** One of the available deployments, each as likely. */
    static int uniform(Candidates c) {
        int seen = 0;
        int chosen = -1;
        for (int i = 0; i < c.size(); i++) {
            if (c.available(i) && c.random().nextInt(++seen) == 0) {
                chosen = i;
            }
        }
        return chosen;
    }
}
