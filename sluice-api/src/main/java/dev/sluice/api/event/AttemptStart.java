package dev.sluice.api.event;

import java.time.Instant;

/** An upstream attempt is about to be sent. {@code number} is 1 for the first attempt. */
public record AttemptStart(String requestId, int number, String deployment, String providerId, String providerType,
                           String upstreamModel, Instant startedAt) { }
