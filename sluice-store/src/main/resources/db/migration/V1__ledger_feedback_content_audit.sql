-- One row per finished call. Partitioned by day (UTC); daily partitions are created ahead by the application,
-- and the default partition catches any day that has none, so that a write never fails for want of a partition.
CREATE TABLE ledger (
    request_id                text             NOT NULL,
    started_at                timestamptz      NOT NULL,
    key_id                    text,
    team_id                   text,
    use_case_id               text,
    environment               text,
    route                     text,
    model                     text,
    deployment                text,
    provider                  text,
    provider_type             text,
    upstream_model            text,
    inbound_api               text,
    operation                 text,
    stream                    boolean          NOT NULL DEFAULT false,
    status                    integer          NOT NULL,
    error_type                text,
    error_message             text,
    attempts                  integer          NOT NULL DEFAULT 0,
    input_tokens              bigint           NOT NULL DEFAULT 0,
    output_tokens             bigint           NOT NULL DEFAULT 0,
    cache_read_tokens         bigint           NOT NULL DEFAULT 0,
    cache_write_tokens        bigint           NOT NULL DEFAULT 0,
    reasoning_tokens          bigint           NOT NULL DEFAULT 0,
    cost_usd                  numeric(20, 12),
    latency_ms                double precision NOT NULL,
    ttft_ms                   double precision,
    gateway_us                bigint           NOT NULL DEFAULT 0,
    output_tokens_per_second  double precision NOT NULL DEFAULT 0,
    cache_hit                 boolean          NOT NULL DEFAULT false,
    stop_reason               text,
    response_id               text,
    user_id                   text,
    tags                      jsonb            NOT NULL DEFAULT '{}'::jsonb,
    traceparent               text,
    PRIMARY KEY (request_id, started_at)
) PARTITION BY RANGE (started_at);

CREATE TABLE ledger_default PARTITION OF ledger DEFAULT;

CREATE INDEX ledger_started_at ON ledger (started_at DESC, request_id DESC);
CREATE INDEX ledger_key ON ledger (key_id, started_at DESC);
CREATE INDEX ledger_use_case ON ledger (use_case_id, started_at DESC);
CREATE INDEX ledger_request_id ON ledger (request_id);

-- Captured request and response bodies (off unless enabled), apart from the ledger, redacted and size-capped.
CREATE TABLE call_content (
    request_id         text        NOT NULL,
    started_at         timestamptz NOT NULL,
    request_body       text,
    response_body      text,
    request_truncated  boolean     NOT NULL DEFAULT false,
    response_truncated boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (request_id)
);
CREATE INDEX call_content_started_at ON call_content (started_at);

-- User feedback on a response, given by the key that made the call.
CREATE TABLE feedback (
    id          bigserial   PRIMARY KEY,
    request_id  text        NOT NULL,
    score       numeric     NOT NULL,
    label       text,
    comment     text,
    correction  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    key_id      text
);
CREATE INDEX feedback_request_id ON feedback (request_id);

-- Tamper-evident log of admin changes: each row's hash covers the previous row's hash and this row's fields.
CREATE TABLE audit_log (
    seq        bigserial   PRIMARY KEY,
    at         timestamptz NOT NULL,
    actor      text        NOT NULL,
    action     text        NOT NULL,
    target     text        NOT NULL,
    before     jsonb,
    after      jsonb,
    prev_hash  text        NOT NULL,
    hash       text        NOT NULL
);
