/**
 * The sensitive information policy: Bedrock's structured PII entity types ({@link dev.sluice.guardrails.pii.PiiType}),
 * custom regexes, and context words that raise or lower a finding's confidence.
 * {@link dev.sluice.guardrails.pii.SensitiveInformationFilter} applies a
 * {@link dev.sluice.guardrails.pii.SensitiveInformationPolicy} to a text and returns the findings, the verdict and the
 * text with its findings masked. How each type is recognised and validated is in {@code docs/guardrails.md}; the
 * detectors themselves are in {@code pii.internal}.
 */
package dev.sluice.guardrails.pii;
