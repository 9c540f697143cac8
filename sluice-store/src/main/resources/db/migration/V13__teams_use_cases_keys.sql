-- Access control (issue 14): teams, their use cases, and virtual keys. A key's secret is never stored: only its
-- SHA-256 (the secrets are 256 random bits, so a fast digest is enough) and a short prefix to recognise it by. A
-- rotated key keeps its previous digest until previous_valid_until. limits and budget are the admin API's JSON
-- documents ({rpm, tpm, max_concurrent}, {limit_usd, period}); models null means any model.
CREATE TABLE teams (
    id          text COLLATE "C" PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    description text,
    owner       text,
    models      text[],
    limits      jsonb       NOT NULL DEFAULT '{}',
    budget      jsonb,
    metadata    jsonb       NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE use_cases (
    id          text COLLATE "C" PRIMARY KEY,
    team_id     text COLLATE "C" NOT NULL REFERENCES teams (id),
    name        text        NOT NULL,
    description text,
    owner       text,
    models      text[],
    limits      jsonb       NOT NULL DEFAULT '{}',
    budget      jsonb,
    metadata    jsonb       NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (team_id, name)
);

CREATE TABLE virtual_keys (
    id                   text COLLATE "C" PRIMARY KEY,
    name                 text        NOT NULL,
    prefix               text        NOT NULL,
    secret_sha256        bytea       NOT NULL UNIQUE,
    previous_sha256      bytea,
    previous_valid_until timestamptz,
    team_id              text COLLATE "C" REFERENCES teams (id),
    use_case_id          text COLLATE "C" REFERENCES use_cases (id),
    environment          text,
    models               text[],
    expires_at           timestamptz,
    limits               jsonb       NOT NULL DEFAULT '{}',
    budget               jsonb,
    metadata             jsonb       NOT NULL DEFAULT '{}',
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    revoked_at           timestamptz
);

CREATE INDEX virtual_keys_previous ON virtual_keys (previous_sha256) WHERE previous_sha256 IS NOT NULL;
CREATE INDEX virtual_keys_updated ON virtual_keys (updated_at);
