-- Schema 9: the campaign speaks DUIS (issue 16). A SoLR in a live event exports one signed SRV 6.23
-- request per meter for its DCC adapter and imports what comes back, so an item can also be SENT
-- (exported, no answer yet), ACKNOWLEDGED (the DCC's I99, or a future-dated command accepted) or
-- REJECTED (by the DCC, with its response code). SQLite cannot change a CHECK constraint, so
-- campaign_item is rebuilt with the same columns and index.

CREATE TABLE campaign_item_v9 (
    campaign_id  BIGINT NOT NULL REFERENCES campaign (id),
    device_id    BIGINT NOT NULL,
    grp          BIGINT NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('PENDING', 'SENT', 'ACKNOWLEDGED', 'APPLIED', 'PARTIAL', 'FAILED',
                                                   'REJECTED', 'UNREACHABLE')),
    attempts     BIGINT NOT NULL DEFAULT 0,
    status_code  BIGINT,
    detail       TEXT,
    updated_at   BIGINT,
    PRIMARY KEY (campaign_id, device_id)
);
INSERT INTO campaign_item_v9 (campaign_id, device_id, grp, state, attempts, status_code, detail, updated_at)
SELECT campaign_id, device_id, grp, state, attempts, status_code, detail, updated_at FROM campaign_item;
DROP TABLE campaign_item;
ALTER TABLE campaign_item_v9 RENAME TO campaign_item;
CREATE INDEX campaign_item_todo ON campaign_item (campaign_id, state, grp, device_id);

-- The RequestID counter of each originator and target (domain.md section 6: unsigned 64-bit,
-- strictly increasing per pair): the last one used, never handed out twice, even after a crash.
CREATE TABLE duis_counter (
    originator TEXT    NOT NULL,
    target     TEXT    NOT NULL,
    counter    BIGINT NOT NULL,
    PRIMARY KEY (originator, target)
);

-- Every request exported, by its RequestID: which campaign item it is for, the file written and its
-- SHA-256, so that a response is matched to its request and a file checked against the manifest.
CREATE TABLE duis_request (
    request_id  TEXT    PRIMARY KEY,
    campaign_id BIGINT NOT NULL REFERENCES campaign (id),
    device_id   BIGINT NOT NULL,
    counter     BIGINT NOT NULL,
    mpxn        TEXT    NOT NULL,
    file        TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,
    sent_at     BIGINT NOT NULL
);
CREATE INDEX duis_request_item ON duis_request (campaign_id, device_id);
