package dev.sluice.api.event;

import java.util.List;
import java.util.Objects;

/**
 * What the gateway's guardrail did on one call, as the ledger, the metrics and the traces record it. It never holds
 * the text a policy matched: only which policy and type matched, on which side, and what was done.
 *
 * @param id the guardrail's id
 * @param version its version ({@code DRAFT} or a number)
 * @param action the strongest action taken on the call: {@code NONE}, {@code ANONYMIZED} or {@code BLOCKED}
 * @param findings what matched, one entry per source, policy, type and action, with how many times
 * @param latencyNanos the time the checks took, summed over the call (a stream is checked window by window)
 */
public record GuardrailVerdict(String id, String version, String action, List<Finding> findings,
                               long latencyNanos) {

    public static final String NONE = "NONE";
    public static final String ANONYMIZED = "ANONYMIZED";
    public static final String BLOCKED = "BLOCKED";

    public GuardrailVerdict {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(action, "action");
        findings = List.copyOf(findings);
    }

    /** Whether the guardrail blocked or masked anything. */
    public boolean intervened() {
        return !NONE.equals(action);
    }

    /**
     * One kind of finding.
     *
     * @param source {@code INPUT} (the prompt) or {@code OUTPUT} (the answer)
     * @param policy Bedrock's policy name: {@code sensitiveInformationPolicy}, {@code wordPolicy},
     *     {@code contentPolicy} or {@code topicPolicy}
     * @param type what matched: a PII entity type ({@code EMAIL}), a custom regex's name, {@code CUSTOM_WORDS},
     *     {@code PROFANITY}, a content filter's type ({@code HATE}, {@code PROMPT_ATTACK}, ...) or a denied topic's
     *     name
     * @param action the policy's action: {@code BLOCKED}, {@code ANONYMIZED} or {@code NONE} (only reported)
     * @param count how many matches of this kind
     */
    public record Finding(String source, String policy, String type, String action, int count) { }
}
