-- Evaluation runs kept by the gateway (sluice eval run --gateway ...): one manifest per run and its case results in
-- the order they were appended. The documents are the evaluation module's own JSON, kept as text.
--
-- The columns are json, not jsonb: jsonb reorders object keys, and the evaluation format relies on key order (the
-- targets of a manifest and the scores of a result are in suite order, which the reports follow). json keeps the
-- text as sent and still rejects anything that is not JSON.
CREATE TABLE eval_runs (
    run_id     text COLLATE "C" PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    manifest   json        NOT NULL
);

CREATE INDEX eval_runs_created_at ON eval_runs (created_at DESC);

CREATE TABLE eval_results (
    run_id text COLLATE "C" NOT NULL REFERENCES eval_runs (run_id) ON DELETE CASCADE,
    seq    bigserial NOT NULL,
    result json      NOT NULL,
    PRIMARY KEY (run_id, seq)
);
