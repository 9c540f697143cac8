-- Guardrails (issue 16) made through Bedrock's control-plane API. A guardrail's DRAFT is its row in guardrails;
-- CreateGuardrailVersion copies the DRAFT into guardrail_versions under the next number, which is never reused (a
-- deleted version leaves a gap, as in Bedrock). Definitions are Bedrock's CreateGuardrail body without the request's
-- own fields, as JSON. Guardrails from the YAML config are not stored here: the config is their source.
CREATE TABLE guardrails (
    id            text COLLATE "C" PRIMARY KEY,
    name          text        NOT NULL UNIQUE,
    definition    jsonb       NOT NULL,
    next_version  integer     NOT NULL DEFAULT 1,
    request_token text UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE guardrail_versions (
    guardrail_id text COLLATE "C" NOT NULL REFERENCES guardrails (id) ON DELETE CASCADE,
    version      integer     NOT NULL CHECK (version > 0),
    definition   jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (guardrail_id, version)
);
