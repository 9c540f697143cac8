package dev.sluice.store.content;

import java.time.Instant;

/** Redacted, size-capped bodies of one call, as stored. */
public record CapturedContent(String requestId, Instant startedAt, String requestBody, String responseBody,
                              boolean requestTruncated, boolean responseTruncated) { }
