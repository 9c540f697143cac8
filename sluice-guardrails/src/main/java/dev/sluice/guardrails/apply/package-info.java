/**
 * Applying a guardrail definition to texts, as Bedrock's {@code ApplyGuardrail} does: a
 * {@link dev.sluice.guardrails.apply.CompiledGuardrail} is built once per definition (its filters for the input side
 * and for the output side) and checks a list of {@link dev.sluice.guardrails.apply.TextBlock}s, returning an
 * {@link dev.sluice.guardrails.apply.Assessment}. Pure computation, no I/O; it may take milliseconds on large texts,
 * so callers on an event loop run it on a worker thread.
 */
package dev.sluice.guardrails.apply;
