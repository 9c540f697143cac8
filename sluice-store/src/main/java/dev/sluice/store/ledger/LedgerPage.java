package dev.sluice.store.ledger;

import java.util.List;
import java.util.Map;

/**
 * One page of ledger rows, newest first.
 *
 * @param rows column name to value (timestamps as ISO-8601 strings, {@code cost_usd} as BigDecimal, {@code tags} as
 *             a JSON node)
 * @param nextCursor pass it to get the next page; null on the last page
 */
public record LedgerPage(List<Map<String, Object>> rows, String nextCursor) { }
