package dev.sluice.gateway.engine;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The routing's sources of time and chance, injectable so that tests can drive breakers with a clock of their own and
 * repeat a weighted split with a seed.
 *
 * @param nanoClock breakers' and estimates' time, as {@link System#nanoTime()}
 * @param random the strategies' and the backoff's randomness; must be thread-safe (e.g. {@link java.util.Random}),
 *     as every event loop uses it
 */
public record RoutingSettings(LongSupplier nanoClock, RandomGenerator random) {

    /** The system's clock and each thread's own random numbers. */
    public static final RoutingSettings DEFAULT = new RoutingSettings(System::nanoTime, new PerThreadRandom());

    /** {@link ThreadLocalRandom} of the calling thread: no shared state between loops. */
    private static final class PerThreadRandom implements RandomGenerator {
        @Override
        public long nextLong() {
            return ThreadLocalRandom.current().nextLong();
        }
    }
}
