package dev.sluice.simulator;

import java.time.Duration;

/**
 * Injected failures, each drawn independently per call with its probability.
 *
 * @param errorRate probability that a call fails at once with {@code errorStatus} ({@code error_rate}, 0..1)
 * @param errorStatus the HTTP status of injected errors ({@code error_status}, default 500)
 * @param retryAfter the retry-after of injected errors ({@code retry_after_s}; 1 s by default for 429, else none)
 * @param timeoutRate probability that a call hangs until its attempt is cancelled ({@code timeout_rate})
 * @param dropRate probability that an answer is cut midway with an upstream error ({@code drop_rate})
 * @param seed makes the draws repeat run after run ({@code seed}); null for a fresh random seed per model
 * @param outageAfter when the model goes down, counted from its first call ({@code outage_after_ms}); null for never
 * @param outageFor how long it stays down: every call in that window fails with {@code errorStatus}
 *     ({@code outage_ms}); then it answers again as before
 */
public record Faults(double errorRate, int errorStatus, Duration retryAfter, double timeoutRate, double dropRate,
                     Long seed, Duration outageAfter, Duration outageFor) {

    public static final Faults NONE = new Faults(0, 500, null, 0, 0, null);

    /** Faults without an outage. */
    public Faults(double errorRate, int errorStatus, Duration retryAfter, double timeoutRate, double dropRate,
                  Long seed) {
        this(errorRate, errorStatus, retryAfter, timeoutRate, dropRate, seed, null, null);
    }

    /** Whether a call made {@code sinceFirstCall} after the model's first is inside the outage. */
    boolean down(Duration sinceFirstCall) {
        return outageAfter != null && sinceFirstCall.compareTo(outageAfter) >= 0
                && sinceFirstCall.compareTo(outageAfter.plus(outageFor)) < 0;
    }
}
