-- ledger_request_id duplicated the primary key's leading column: lookups by request_id use (request_id, started_at)
-- just as well, and every ledger insert paid for maintaining a second random-order btree.
DROP INDEX IF EXISTS ledger_request_id;
