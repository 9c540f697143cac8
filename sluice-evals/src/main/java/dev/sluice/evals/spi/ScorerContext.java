package dev.sluice.evals.spi;

import java.util.function.Function;

/**
 * Services available to scorers, shared by every scorer of a run.
 *
 * @param judge calls a judge model through the gateway; null when the run has no gateway
 * @param embedder text to unit-length embedding vector; loaded lazily on first use, thread-safe
 */
public record ScorerContext(JudgeClient judge, Function<String, float[]> embedder) { }
