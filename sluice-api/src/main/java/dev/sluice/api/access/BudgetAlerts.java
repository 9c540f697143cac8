package dev.sluice.api.access;

import java.time.Instant;

/**
 * Told when a budget's spend in its period first reaches 50%, 80% and 100% of its limit (each once per period, on the
 * node that saw it). Called on an event loop: implementations hand the work off and return at once. Thread-safe.
 */
@FunctionalInterface
public interface BudgetAlerts {

    BudgetAlerts NONE = (budget, percent, spentMicros, periodStart) -> { };

    /** The percentages that alert. */
    int[] THRESHOLDS = {50, 80, 100};

    void crossed(Budget budget, int percent, long spentMicros, Instant periodStart);
}
