-- Schema 5: the change-of-supplier campaign (domain.md section 3, supplierByTransCoS). One campaign
-- per event and mode; its items are the meters in priority order (grp: 1 prepayment at risk or on
-- the PSR, 2 other prepayment, 3 credit on the PSR, 4 other credit) with their outcome. Each batch
-- of meters, their items and an audit row commit together, so a run killed at any moment resumes.

CREATE TABLE campaign (
    id           INTEGER PRIMARY KEY,
    event_id     TEXT    NOT NULL,
    mode         TEXT    NOT NULL,
    new_supplier TEXT    NOT NULL COLLATE NOCASE,
    created_at   INTEGER NOT NULL,
    total        INTEGER NOT NULL,
    UNIQUE (event_id, mode)
);

CREATE TABLE campaign_item (
    campaign_id  INTEGER NOT NULL REFERENCES campaign (id),
    device_id    INTEGER NOT NULL,
    grp          INTEGER NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('PENDING', 'APPLIED', 'PARTIAL', 'FAILED', 'UNREACHABLE')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    status_code  INTEGER,
    detail       TEXT,
    updated_at   INTEGER,
    PRIMARY KEY (campaign_id, device_id)
);
CREATE INDEX campaign_item_todo ON campaign_item (campaign_id, state, grp, device_id);

-- A playbook step can name the toolkit's work that completes it (automation: campaign-run or
-- campaign-verify in the playbook); the campaign marks those steps as it goes.
ALTER TABLE event_step ADD COLUMN automation TEXT NOT NULL DEFAULT '';
