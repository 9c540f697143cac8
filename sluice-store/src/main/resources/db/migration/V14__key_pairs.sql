-- SigV4 key pairs (issue 14): every key can also be presented as an AWS access key id and secret access key. The
-- secret access key is the key's own secret, so SigV4, which needs the secret itself, needs it stored: sealed with
-- AES-256-GCM under a key derived from server.encryption_key (or the master key), bound to the key's id and access key
-- id. A rotation moves the pair to previous_*, which works until previous_valid_until like the previous digest. Keys
-- created before this migration have no pair until they are rotated.
ALTER TABLE virtual_keys ADD COLUMN access_key_id text COLLATE "C";
ALTER TABLE virtual_keys ADD COLUMN secret_sealed bytea;
ALTER TABLE virtual_keys ADD COLUMN previous_access_key_id text COLLATE "C";
ALTER TABLE virtual_keys ADD COLUMN previous_secret_sealed bytea;

CREATE UNIQUE INDEX virtual_keys_access_key_id ON virtual_keys (access_key_id);
CREATE UNIQUE INDEX virtual_keys_previous_access_key_id ON virtual_keys (previous_access_key_id);
