package dev.sluice.guardrails.content;

/**
 * Bedrock's content filter categories. The first five are harmful content, checked on input and output;
 * {@code PROMPT_ATTACK} (instruction override, jailbreaks, prompt leaking, injected instructions) is checked on input
 * only, as in Bedrock.
 */
public enum ContentType {
    HATE,
    INSULTS,
    SEXUAL,
    VIOLENCE,
    MISCONDUCT,
    PROMPT_ATTACK
}
