package dev.sluice.gateway.guardrails;

import dev.sluice.guardrails.apply.CompiledGuardrail;

/**
 * Where the gateway finds guardrail versions: the config file's and those made through the API (the app's catalog).
 * Thread-safe.
 */
public interface GuardrailLibrary {

    /** No guardrails at all. */
    GuardrailLibrary NONE = (identifier, version) -> null;

    /**
     * The version named, ready to check texts; null when there is none. May block (a database read): the
     * interceptor calls it off the event loops.
     *
     * @param identifier a guardrail id, or an ARN that names one (Bedrock callers send either)
     */
    Found lookup(String identifier, String version);

    /**
     * The version named when it is known without blocking (the config file's, or a numbered version found before),
     * else null: then the interceptor calls {@link #lookup} off the loop. The default knows none.
     */
    default Found cached(String identifier, String version) {
        return null;
    }

    /** A guardrail version found: its id (never an ARN), its version, its ARN and its compiled policies. */
    record Found(String id, String version, String arn, CompiledGuardrail guardrail) { }
}
