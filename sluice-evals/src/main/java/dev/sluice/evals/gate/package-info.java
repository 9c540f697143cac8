/** The quality gate: checks a run's summary against the suite's rules and says which failed and by how much. */
package dev.sluice.evals.gate;
