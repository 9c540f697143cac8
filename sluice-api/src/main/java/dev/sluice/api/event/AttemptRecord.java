package dev.sluice.api.event;

import dev.sluice.api.error.ErrorType;
import java.time.Instant;

/**
 * One try of one deployment within a call.
 *
 * @param number 1 for the first attempt
 * @param errorType null when the attempt succeeded
 */
public record AttemptRecord(String requestId, int number, String deployment, String providerId,
                            String providerType, String upstreamModel, Instant startedAt, long durationNanos,
                            int status, ErrorType errorType, String errorMessage) { }
