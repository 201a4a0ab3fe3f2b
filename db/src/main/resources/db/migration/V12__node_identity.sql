-- Node identity: at registration a node exchanges its join token (or the cluster's node token) for a credential of
-- its own, of which only the SHA-256 is kept; the join token it came with (null for the node token; never set to
-- null by a deletion, which would widen the credential to the node token's reach) so that revoking
-- the token refuses the credential too; and the host ports it declared, outside which its reports are refused.
ALTER TABLE nodes
    ADD COLUMN credential_hash TEXT UNIQUE,
    ADD COLUMN join_token_id   BIGINT REFERENCES join_tokens (id),
    ADD COLUMN first_port      INTEGER NOT NULL DEFAULT 20000,
    ADD COLUMN last_port       INTEGER NOT NULL DEFAULT 20999;
