package dev.sluice.spi;

/**
 * An upstream: either an {@link HttpProvider} (a transform that the engine drives over its event-loop transport) or
 * a {@link LocalProvider} (answers in-process). Instances are created once at start-up, shared by all calls, and must
 * be thread-safe.
 */
public interface Provider extends AutoCloseable {

    /** Checks a model entry's {@code options} at start-up; throws {@link ConfigException} naming the bad key. */
    default void validate(Deployment deployment, String configPath) { }

    @Override
    default void close() { }
}
