-- Every upstream attempt of a call (issue 15): deployment, provider, upstream model, start, latency, status, error
-- and why the gateway made it (retry, fallback, context_window_fallback, content_policy_fallback), as a JSON array on
-- the call's own row rather than rows of a child table: the writer's one binary COPY per batch stays one COPY, an
-- exactly-once batch stays one transaction on one table, and a call and its attempts can never be half written.
-- Null when the call made at most one attempt and made it for no special reason: the row's own columns are then that
-- attempt (the admin API shows it as a one-item list). A nullable column without a default rewrites no row.
ALTER TABLE ledger ADD COLUMN attempt_log jsonb;
