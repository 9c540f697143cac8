package dev.sluice.guardrails.topics;

/**
 * Turns a text into a sentence embedding. Implementations must be thread-safe; calls may block for milliseconds (a
 * model runs), so callers on an event loop run them on a worker.
 */
@FunctionalInterface
public interface Embedder {

    /** The embedding of {@code text}, of the same dimension for every text. */
    float[] embed(String text);
}
