-- Cheaper ledger rows: no btree is maintained per row any more. Measured with COPY of 300k ledger rows (PostgreSQL
-- CPU per row, docs/benchmarks.md): the primary key cost 2-3 us and the key index 1.5-2 us, on top of 6 us for the
-- heap row and the time BRIN; together they were 40% of PostgreSQL's work per call.
--
-- Exactly once without a per-row key: every transaction the ledger writer commits records its batch id in
-- ledger_batches, in the same transaction. A batch whose outcome is unknown goes to the journal under that id, and
-- replaying it inserts its id first (ON CONFLICT DO NOTHING): a batch already committed is skipped whole. One index
-- entry per batch (about 2,000 rows) instead of one per row.
CREATE TABLE ledger_batches (
    batch_id   uuid        PRIMARY KEY,
    written_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_batches_written_at ON ledger_batches USING brin (written_at);

ALTER TABLE ledger DROP CONSTRAINT ledger_pkey;
DROP INDEX IF EXISTS ledger_key;
DROP INDEX IF EXISTS ledger_use_case;

-- Lookups by request id: Sluice's ids begin with the millisecond their call started (RequestIds), so a lookup reads
-- the block ranges of that second through the time BRIN. Filters on key, team and use case: a bloom summary per
-- block range, built when the range is summarised (every 10 s), not on each insert.
CREATE INDEX ledger_callers ON ledger USING brin
    (key_id text_bloom_ops, team_id text_bloom_ops, use_case_id text_bloom_ops);
