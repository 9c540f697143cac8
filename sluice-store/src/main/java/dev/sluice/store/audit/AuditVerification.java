package dev.sluice.store.audit;

/**
 * The outcome of checking the audit chain.
 *
 * @param rowsChecked rows read before the check ended
 * @param firstBrokenSeq the first row whose hash or link does not match, or -1 when the chain is intact
 * @param problem what is wrong at that row, null when intact
 * @param headHash the last row's hash: record it elsewhere to detect removal of rows at the end
 */
public record AuditVerification(long rowsChecked, long firstBrokenSeq, String problem, String headHash) {

    public boolean intact() { return firstBrokenSeq < 0; }
}
