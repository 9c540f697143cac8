-- Cheaper ledger inserts. Measured in the gateway benchmark at steady state (a table past shared_buffers), the
-- PostgreSQL backend spent 9.2-9.5 us of CPU per row with a btree on (started_at, request_id) and 6.6 us with this
-- BRIN: besides its own inserts, every btree entry is WAL and, once evicted, a page write (docs/benchmarks.md).
--
-- Rows arrive in time order, so a BRIN summary of started_at per block range finds any time window cheaply.
-- Newest-first pages look back a widening window (LedgerQueries.requests) instead of walking a btree.
DROP INDEX IF EXISTS ledger_started_at;
CREATE INDEX ledger_started_at ON ledger USING brin (started_at);

-- Key and use-case filters only need rows that have a key or use case; rows without one (no use case yet, for
-- instance) add no entry. Ascending on time: new entries go to the right edge of their key's range; newest-first
-- reads scan backwards.
DROP INDEX IF EXISTS ledger_key;
CREATE INDEX ledger_key ON ledger (key_id, started_at, request_id) WHERE key_id IS NOT NULL;
DROP INDEX IF EXISTS ledger_use_case;
CREATE INDEX ledger_use_case ON ledger (use_case_id, started_at, request_id) WHERE use_case_id IS NOT NULL;
