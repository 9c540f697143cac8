package dev.sluice.api.access;

import dev.sluice.api.chat.Usage;

/**
 * What calls cost, for budgets: in micro-dollars (1e-6 USD), from the price catalog. A model without a price costs
 * 0 (it counts against no budget). Thread-safe and cheap: called on the event loops.
 */
public interface CallCosts {

    CallCosts NONE = (model, usage) -> 0;

    /** The cost of {@code usage} on {@code publicModel} (its deployment's price), rounded up. */
    long micros(String publicModel, Usage usage);
}
