/** User feedback on responses, stored against the ledger row of the call and counted in usage. */
package dev.sluice.store.feedback;
