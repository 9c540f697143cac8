/**
 * Evaluation suites and the CI quality gate: the {@code eval} command, the hooks the application passes in
 * ({@link dev.sluice.evals.GatewayLauncher}) and the benchmark entry point. Evaluations call the gateway through its
 * public OpenAI-compatible HTTP API, exactly as a user's application would.
 */
package dev.sluice.evals;
