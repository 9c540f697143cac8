-- Cheaper ledger inserts; every index is maintained for every call.
--
-- ledger_request_id duplicated the primary key's leading column: lookups by request_id use (request_id, started_at)
-- just as well, and every insert paid for a second btree in random order.
DROP INDEX IF EXISTS ledger_request_id;

-- Identifiers compare byte for byte: with the database's linguistic collation every btree comparison went through
-- strcoll(), which made the random-order primary key the most expensive part of an insert (about a third of the
-- server's CPU per row, measured). Equality is unchanged; ordering differs only for non-ASCII or mixed-case ids.
-- The tables are not rewritten, but the indexes on these columns are rebuilt once. feedback and call_content
-- follow so that joins on request_id compare under one collation.
ALTER TABLE ledger ALTER COLUMN request_id TYPE text COLLATE "C",
                   ALTER COLUMN key_id TYPE text COLLATE "C",
                   ALTER COLUMN use_case_id TYPE text COLLATE "C";
ALTER TABLE feedback ALTER COLUMN request_id TYPE text COLLATE "C";
ALTER TABLE call_content ALTER COLUMN request_id TYPE text COLLATE "C";
