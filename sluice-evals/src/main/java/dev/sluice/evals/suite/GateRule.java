package dev.sluice.evals.suite;

import java.util.List;

/** A rule of the quality gate; the gate passes when every rule holds. */
public sealed interface GateRule {

    /** The metric's mean over all scored cases must be at least {@code min}. */
    record MinMean(String metric, double min) implements GateRule { }

    /** The share of cases passing the metric's threshold must be at least {@code min} (0..1). */
    record MinPassRate(String metric, double min) implements GateRule { }

    /** The 95th percentile of client-measured latency must not exceed {@code maxMs}. */
    record MaxP95Latency(double maxMs) implements GateRule { }

    /** The run's total cost must not exceed {@code maxUsd}. */
    record MaxCost(double maxUsd) implements GateRule { }

    /**
     * No metric in {@code metrics} (all when empty) may be significantly worse than the baseline (p below
     * {@code alpha}) by at least {@code minEffect}; {@code minEffect} is also the effect the sample-size warning uses.
     */
    record NoRegression(List<String> metrics, double minEffect, double alpha) implements GateRule {
        public NoRegression {
            metrics = List.copyOf(metrics);
        }
    }
}
