-- Routes made through the admin API (issue 15), shared by every node. A definition is a routes entry of the YAML
-- config as JSON ({name, strategy, deployments, fallbacks, retries, timeout_ms, ...}); the config file's routes are
-- not stored here (the file is their source), and a stored route of the same name replaces the file's while it
-- exists. route_table_version counts changes: each change bumps it in its own transaction (which also makes
-- changes from several nodes take turns), and every node reloads when the number it last saw moves.
CREATE TABLE managed_routes (
    name       text COLLATE "C" PRIMARY KEY,
    definition jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE route_table_version (
    id      integer PRIMARY KEY CHECK (id = 1),
    version bigint  NOT NULL
);

INSERT INTO route_table_version (id, version) VALUES (1, 0);
