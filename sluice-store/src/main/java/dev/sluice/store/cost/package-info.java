/** Prices per model and the exact cost of a call, in US dollars as {@link java.math.BigDecimal}. */
package dev.sluice.store.cost;
