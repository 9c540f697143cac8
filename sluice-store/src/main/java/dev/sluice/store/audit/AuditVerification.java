package dev.sluice.store.audit;

/**
 * The outcome of checking the audit chain.
 *
 * @param rowsChecked rows read before the check ended
 * @param firstBrokenSeq the first row whose hash or link does not match (or where rows are missing), or -1 when the
 *     chain is intact
 * @param problem what is wrong at that row, null when intact
 * @param headHash the hash of the last row checked (the newest one when intact)
 * @param headSeq the seq of that row, 0 when there is none
 * @param anchoredSeq the newest row this node had written or verified before this check, 0 when none
 */
public record AuditVerification(long rowsChecked, long firstBrokenSeq, String problem, String headHash, long headSeq,
                                long anchoredSeq) {

    public boolean intact() { return firstBrokenSeq < 0; }
}
