package dev.sluice.guardrails;

/**
 * What a policy does with a finding, as Bedrock names it: {@code BLOCK} stops the text, {@code ANONYMIZE} replaces the
 * finding with a placeholder and lets the rest through, {@code NONE} only reports it. Word filters take
 * {@code BLOCK} or {@code NONE}.
 */
public enum Action {
    BLOCK,
    ANONYMIZE,
    NONE
}
