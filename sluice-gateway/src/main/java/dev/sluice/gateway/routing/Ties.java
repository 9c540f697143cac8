package dev.sluice.gateway.routing;

import java.util.function.IntPredicate;

/** Picks among the available deployments that a strategy ranked equal: by weight, at random. */
final class Ties {

    private Ties() { }

    /** An available deployment that {@code best} accepts (at least one does), at random in proportion to weight. */
    static int pick(Candidates c, IntPredicate best) {
        long total = 0;
        int count = 0;
        int only = -1;
        for (int i = 0; i < c.size(); i++) {
            if (c.available(i) && best.test(i)) {
                total += c.weight(i);
                count++;
                only = i;
            }
        }
        if (count == 1) {
            return only;
        }
        long r = total == 0 ? c.random().nextInt(count) : c.random().nextLong(total);
        for (int i = 0; i < c.size(); i++) {
            if (c.available(i) && best.test(i)) {
                r -= total == 0 ? 1 : c.weight(i);
                if (r < 0) {
                    return i;
                }
            }
        }
        return only;
    }
}
