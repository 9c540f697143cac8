package dev.sluice.simulator;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One configured model of a simulator provider: its options and its call counter.
 *
 * <p>Reproducibility: call number {@code n} (counting from 0 every call to this model on this provider instance,
 * chat, stream and embed alike, in the order they reach the provider) draws its faults from a generator seeded with
 * {@code seed + n * 0x9E3779B97F4A7C15}. The same seed and the same calls in the same order therefore give the same
 * faults, whatever the requests contain. Without a {@code seed} option the base seed is random per model. An
 * outage ({@code outage_after_ms}, {@code outage_ms}) is a window of time from the model's first call, on the JVM's
 * monotonic clock, in which every call fails with {@code error_status}: calls keep their draws, so the seeded faults
 * outside the window repeat. Thread-safe.
 */
final class SimulatedModel {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final SimulatorOptions options;
    private final long baseSeed;
    private final AtomicLong calls = new AtomicLong();
    private volatile long firstCallNanos;

    SimulatedModel(SimulatorOptions options) {
        this.options = options;
        this.baseSeed = options.faults().seed() != null ? options.faults().seed() : new SplittableRandom().nextLong();
    }

    SimulatorOptions options() { return options; }

    /** The random choices of the next call. */
    CallDraw nextCall() {
        long n = calls.getAndIncrement();
        CallDraw draw = CallDraw.draw(options.faults(), new SplittableRandom(baseSeed + n * GOLDEN_GAMMA));
        if (options.faults().outageAfter() == null) {
            return draw;
        }
        long now = System.nanoTime();
        if (n == 0) {
            firstCallNanos = now;
        }
        return options.faults().down(java.time.Duration.ofNanos(now - firstCallNanos)) ? draw.failed() : draw;
    }
}
