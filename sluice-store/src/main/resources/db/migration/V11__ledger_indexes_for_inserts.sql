-- Cheaper ledger inserts, measured with COPY of 200k rows in batches of 500 (docs/benchmarks.md):
-- the primary key and no other index cost 5.3 us per row, and each of the three secondary indexes below about 1.5 us.
--
-- Ascending indexes on time: rows arrive in time order, so new entries go to the right-most leaf (PostgreSQL's fast
-- path) instead of the left edge of a descending index. Newest-first reads scan them backwards just as well.
DROP INDEX IF EXISTS ledger_started_at;
CREATE INDEX ledger_started_at ON ledger (started_at, request_id);

-- Key and use-case filters only need rows that have a key or use case: calls made with the master key (or before
-- keys exist) pay nothing for these indexes.
DROP INDEX IF EXISTS ledger_key;
CREATE INDEX ledger_key ON ledger (key_id, started_at, request_id) WHERE key_id IS NOT NULL;
DROP INDEX IF EXISTS ledger_use_case;
CREATE INDEX ledger_use_case ON ledger (use_case_id, started_at, request_id) WHERE use_case_id IS NOT NULL;
