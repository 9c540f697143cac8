/**
 * Running suites and tracking runs: the concurrent runner (virtual threads, backoff on 429, retries, resume, output
 * cache), the per-case results and the {@link dev.sluice.evals.run.RunStore} that keeps them.
 */
package dev.sluice.evals.run;
