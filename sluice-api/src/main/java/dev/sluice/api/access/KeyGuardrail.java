package dev.sluice.api.access;

import java.util.Objects;

/**
 * The guardrail a virtual key carries (set through the admin keys API): applied to the input and output of every
 * call made with the key, ahead of any the config attaches to its use case, team or model, and not replaceable by the
 * caller. Immutable.
 *
 * @param id the guardrail's id
 * @param version {@code DRAFT} or a version number
 */
public record KeyGuardrail(String id, String version) {

    public KeyGuardrail {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
    }
}
