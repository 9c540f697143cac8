package dev.sluice.api.access;

import java.time.Instant;

/** What a scope has spent since a time, from the record of calls (the ledger). Blocking: called off the loops. */
@FunctionalInterface
public interface Spend {

    Spend NONE = (scope, since) -> 0;

    /** Micro-dollars spent by calls of {@code scope} ({@code key:...}, {@code team:...}, ...) since {@code since}. */
    long micros(String scope, Instant since);
}
