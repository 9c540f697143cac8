/**
 * Statistics of runs: bootstrap and Wilson intervals, paired comparison against a baseline (sign-flip permutation
 * test, exact McNemar), the minimum detectable effect, and the summaries that reports and the gate read. All random
 * resampling is seeded, so the same runs always give the same numbers.
 */
package dev.sluice.evals.stats;
