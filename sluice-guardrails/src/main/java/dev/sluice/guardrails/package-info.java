/**
 * Guardrails: policies that check text going into and coming out of a model. This package holds what every policy
 * shares (the {@link dev.sluice.guardrails.Action} a policy takes on a finding and the
 * {@link dev.sluice.guardrails.Verdict} of one check); each policy lives in its own package
 * ({@code pii} for sensitive information, {@code words} for word filters). Everything here is pure computation over a
 * string: no I/O after construction, immutable, safe to share between threads.
 */
package dev.sluice.guardrails;
