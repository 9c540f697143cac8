package dev.sluice.store.guardrails;

import java.time.Instant;

/**
 * One version of a stored guardrail.
 *
 * @param version {@code DRAFT} or a number from 1
 * @param definition the definition's JSON text
 * @param createdAt when the guardrail was created (for a numbered version: when the version was made)
 * @param updatedAt when the DRAFT last changed (for a numbered version: when it was made)
 */
public record StoredGuardrail(String id, String version, String definition, Instant createdAt, Instant updatedAt) {

    public static final String DRAFT = "DRAFT";
}
