-- A guardrail carried by a virtual key (issue 16), set through the admin keys API: applied to every call made with
-- the key, ahead of the config's attachments to its use case, team or model. Both columns or neither; a change to
-- them moves updated_at, which is what every node's key cache follows.
ALTER TABLE virtual_keys ADD COLUMN guardrail_id text COLLATE "C";
ALTER TABLE virtual_keys ADD COLUMN guardrail_version text COLLATE "C";
ALTER TABLE virtual_keys ADD CONSTRAINT virtual_keys_guardrail_whole
    CHECK ((guardrail_id IS NULL) = (guardrail_version IS NULL));
