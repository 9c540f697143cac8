-- What the gateway's guardrail did on each call (issue 16): which guardrail version applied, its strongest action
-- (none, anonymized, blocked), what matched (source, policy, type, action and count per kind; never the matched
-- text) and how long its checks took. All null on a call no guardrail applied to. Adding nullable columns without a
-- default changes no existing row and takes no table rewrite.
ALTER TABLE ledger
    ADD COLUMN guardrail_id       text,
    ADD COLUMN guardrail_version  text,
    ADD COLUMN guardrail_action   text,
    ADD COLUMN guardrail_findings jsonb,
    ADD COLUMN guardrail_us       bigint;

-- Interventions are looked for by action ("every blocked call today"); only calls that had a guardrail are indexed.
CREATE INDEX ledger_guardrail_action ON ledger (guardrail_action, started_at DESC)
    WHERE guardrail_action IS NOT NULL;
