package dev.sluice.store.feedback;

import java.math.BigDecimal;
import java.time.Instant;

/** Stored feedback. {@code keyId} is the key that made the call and gave the feedback. */
public record Feedback(long id, String requestId, BigDecimal score, String label, String comment, String correction,
                       Instant createdAt, String keyId) { }
