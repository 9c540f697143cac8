/** Suites as code: the YAML model (targets, dataset, metrics, gate rules), its loader and the prompt template. */
package dev.sluice.evals.suite;
