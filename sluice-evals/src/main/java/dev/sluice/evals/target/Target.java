package dev.sluice.evals.target;

import dev.sluice.evals.dataset.EvalCase;
import java.util.Map;

/**
 * Something an evaluation calls once per case and repeat. Thread-safe: the runner calls it concurrently.
 * Failures are thrown as {@link dev.sluice.api.error.GatewayException}; retryable types (429, 5xx, timeouts,
 * connection failures) carry {@code retryAfter} when the server sent one.
 */
public interface Target {

    String name();

    /** Settings that determine the output (model, parameters, endpoint): recorded with the run and part of the cache key. */
    Map<String, Object> settings();

    TargetOutput call(String prompt, EvalCase evalCase);
}
