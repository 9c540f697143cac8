package dev.sluice.api.access;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where money budgets are counted: in this node's memory, or in a store that every node of a cluster shares (so
 * concurrent calls on any node can never together spend past a budget). Before a call the gateway reserves its worst
 * case; after it, the reservation is released and the real cost spent. A budget's spend so far in its period is read
 * from the ledger the first time it is needed ({@link Spend}, blocking, so never on the caller's thread). Thresholds
 * crossed are told to {@link BudgetAlerts}, once per budget and period. Thread-safe.
 */
public interface BudgetCounters {

    /**
     * Reserves {@code micros} from every budget in {@code budgets}, or from none and says which one cannot cover it.
     * The stage may complete on another thread; it fails when a budget's spend cannot be read at all.
     */
    CompletionStage<Reservation> reserve(List<Budget> budgets, long micros, Instant now);

    /** After a reserved call: releases its reservation and spends {@code spentMicros}. */
    void settle(Reservation reservation, long spentMicros);

    /**
     * A call's reservation, or why there is none.
     *
     * @param refusedBy the budget that cannot cover the call, or null when reserved
     * @param resets when that budget's period ends, or null (a total budget, or reserved)
     * @param state what the counters need to settle the call
     */
    record Reservation(Budget refusedBy, Instant resets, Object state) {

        public boolean reserved() {
            return refusedBy == null;
        }
    }
}
