-- Schema 2: the simulated SMKI: its environment and CA keystore, the parties whose keys it holds,
-- and every certificate the toolkit issued or was shown, with its revocation status.

-- party names compare without case, as SQLite's COLLATE NOCASE does (citext is a trusted extension)
CREATE EXTENSION IF NOT EXISTS citext;

CREATE TABLE smki (
    id            BIGINT PRIMARY KEY CHECK (id = 1),
    dir           TEXT NOT NULL,
    environment   TEXT NOT NULL,
    org_policy    TEXT NOT NULL,
    device_policy TEXT NOT NULL,
    ca_keystore   TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE TABLE pki_party (
    name     CITEXT PRIMARY KEY,
    kind     TEXT NOT NULL,
    eui      TEXT NOT NULL,
    keystore TEXT NOT NULL
);

CREATE TABLE certificate (
    serial            TEXT PRIMARY KEY,
    kind              TEXT NOT NULL,
    role              TEXT,
    key_usage         TEXT,
    cell_usage        TEXT,
    eui               TEXT,
    party             CITEXT,
    alias             TEXT,
    subject           TEXT NOT NULL,
    issuer            TEXT NOT NULL,
    not_before        TEXT NOT NULL,
    not_after         TEXT NOT NULL,
    ski               TEXT NOT NULL,
    aki               TEXT NOT NULL,
    sha256            TEXT NOT NULL,
    der               BYTEA NOT NULL,
    pem_path          TEXT,
    keystore          TEXT,
    status            TEXT NOT NULL CHECK (status IN ('VALID', 'REVOKED')),
    issued_at         TEXT NOT NULL,
    revoked_at        TEXT,
    revocation_reason TEXT
);
CREATE INDEX certificate_party ON certificate (party, alias);
CREATE INDEX certificate_eui ON certificate (eui);
CREATE INDEX certificate_status ON certificate (status, issuer);
