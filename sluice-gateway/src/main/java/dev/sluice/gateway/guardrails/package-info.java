/**
 * Guardrails applied by the gateway to every call they are attached to: the {@link
 * dev.sluice.gateway.guardrails.GuardrailInterceptor} (after budgets, before routing) checks the prompt, and on the
 * way back the whole answer or the stream as it flows; {@link dev.sluice.gateway.guardrails.GuardrailLibrary} is where
 * it finds guardrail versions (the app's catalog). Detectors come from {@code sluice-guardrails}.
 */
package dev.sluice.gateway.guardrails;
