package dev.sluice.simulator;

import java.util.SplittableRandom;

/**
 * The random choices of one call, drawn all at once and always in the same order so that one fault firing never
 * shifts the draws of the next ones.
 *
 * @param dropFraction where a dropped answer is cut, from 0 (start) to 1 (end)
 * @param idBits random bits for the message and tool-call ids
 * @param loremSeed the seed of generated text
 */
record CallDraw(boolean error, boolean timeout, boolean drop, double dropFraction, long idBits, long loremSeed) {

    static CallDraw draw(Faults faults, SplittableRandom random) {
        double error = random.nextDouble();
        double timeout = random.nextDouble();
        double drop = random.nextDouble();
        double where = random.nextDouble();
        long ids = random.nextLong();
        return new CallDraw(error < faults.errorRate(), timeout < faults.timeoutRate(), drop < faults.dropRate(),
                where, ids, faults.seed() == null ? 0 : faults.seed());
    }

    /** The same draws, failing with the configured error (an outage). */
    CallDraw failed() {
        return new CallDraw(true, false, false, dropFraction, idBits, loremSeed);
    }

    String messageId() { return "msg_sim_" + Long.toHexString(idBits); }

    String toolUseId() { return "call_sim_" + Long.toHexString(Long.rotateLeft(idBits, 17) ^ 0x5DEECE66DL); }

    /** How many of {@code n} chunks a dropped stream still delivers: at least one and never all, when n allows. */
    int dropAfter(int n) {
        return n < 2 ? 0 : 1 + (int) (dropFraction * (n - 1));
    }
}
