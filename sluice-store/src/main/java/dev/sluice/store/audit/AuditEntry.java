package dev.sluice.store.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One audit row.
 *
 * @param before the state before the change, null for a creation
 * @param after the state after the change, null for a deletion
 * @param prevHash the previous row's hash (64 zeros for the first row)
 * @param hash SHA-256, hex, of {@code prevHash} followed by the canonical JSON of the other fields
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String target, JsonNode before,
                         JsonNode after, String prevHash, String hash) { }
