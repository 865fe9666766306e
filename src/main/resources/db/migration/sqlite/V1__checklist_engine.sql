-- Schema 1: events, their frozen playbooks, step states, evidence and the hash-chained audit log.
-- Times are ISO-8601 UTC instants stored as text.

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE event (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    mode             TEXT NOT NULL CHECK (mode IN ('LIVE', 'REHEARSAL')),
    appointed_at     TEXT NOT NULL,
    playbook_id      TEXT NOT NULL,
    playbook_version TEXT NOT NULL,
    playbook_title   TEXT NOT NULL,
    playbook_sha256  TEXT NOT NULL,
    playbook_source  TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL
);

CREATE TABLE party (
    event_id TEXT NOT NULL REFERENCES event (id),
    name     TEXT NOT NULL,
    role     TEXT NOT NULL,
    acts_for TEXT,
    PRIMARY KEY (event_id, name, role)
);

CREATE TABLE event_phase (
    event_id TEXT    NOT NULL REFERENCES event (id),
    phase_id TEXT    NOT NULL,
    title    TEXT    NOT NULL,
    ordinal  INTEGER NOT NULL,
    PRIMARY KEY (event_id, phase_id)
);

-- The playbook's steps as they were when the event was created: editing the file later does not
-- change a running event.
CREATE TABLE event_step (
    event_id          TEXT    NOT NULL REFERENCES event (id),
    step_id           TEXT    NOT NULL,
    ordinal           INTEGER NOT NULL,
    role              TEXT    NOT NULL,
    phase_id          TEXT    NOT NULL,
    title             TEXT    NOT NULL,
    description       TEXT    NOT NULL,
    depends_on        TEXT    NOT NULL, -- space-separated step ids
    due               TEXT    NOT NULL, -- T+4h, T-1d, standing
    deadline_note     TEXT    NOT NULL,
    evidence_expected TEXT    NOT NULL,
    source            TEXT    NOT NULL,
    PRIMARY KEY (event_id, step_id),
    FOREIGN KEY (event_id, phase_id) REFERENCES event_phase (event_id, phase_id)
);

-- Current state per step. version is the optimistic lock; last_audit_seq ties the state to the
-- audit row that produced it, so audit verify can tell a state edited outside the toolkit.
CREATE TABLE step_state (
    event_id       TEXT    NOT NULL,
    step_id        TEXT    NOT NULL,
    status         TEXT    NOT NULL CHECK (status IN ('NOT_STARTED', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'SKIPPED')),
    version        INTEGER NOT NULL,
    updated_at     TEXT,
    updated_by     TEXT,
    last_audit_seq INTEGER,
    PRIMARY KEY (event_id, step_id),
    FOREIGN KEY (event_id, step_id) REFERENCES event_step (event_id, step_id)
);

CREATE TABLE evidence (
    id        INTEGER PRIMARY KEY,
    event_id  TEXT    NOT NULL,
    step_id   TEXT    NOT NULL,
    path      TEXT    NOT NULL,
    sha256    TEXT    NOT NULL,
    size      INTEGER NOT NULL,
    added_at  TEXT    NOT NULL,
    added_by  TEXT    NOT NULL,
    audit_seq INTEGER NOT NULL,
    FOREIGN KEY (event_id, step_id) REFERENCES event_step (event_id, step_id)
);
CREATE INDEX evidence_step ON evidence (event_id, step_id);

CREATE TABLE audit (
    seq             INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    event_id        TEXT,
    actor           TEXT NOT NULL,
    party           TEXT,
    role            TEXT,
    action          TEXT NOT NULL,
    subject         TEXT,
    before          TEXT,
    after           TEXT,
    note            TEXT,
    reason          TEXT,
    evidence_sha256 TEXT,
    detail          TEXT,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
);
CREATE INDEX audit_event_subject ON audit (event_id, subject);

-- Append-only by default. The hash chain is what proves integrity (anyone with sqlite3 can drop
-- these triggers); the triggers stop accidental edits.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit is append-only');
END;
