-- Schema 13: protective requests over DUIS files for a live event (issue 17).
--
-- protect_request: each critical request the supplier exported (step 1), its pre-command signed
-- (step 2) and the outcome imported. parameters is the DER of the request's parameters (the GBCS
-- payload the pre-command must carry). state: SENT, SIGNED, EXECUTED, NOT_EXECUTED, REJECTED,
-- NO_RESPONSE; outcome the DUIS response code, DCC alert code or the device's result.
CREATE TABLE protect_request (
    request_id  TEXT    PRIMARY KEY,
    event_id    TEXT    NOT NULL,
    device_id   INTEGER NOT NULL,
    service     TEXT    NOT NULL,
    parameters  BLOB    NOT NULL,
    state       TEXT    NOT NULL,
    outcome     TEXT,
    file        TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX protect_request_event ON protect_request (event_id, state);

-- The simulated DCC's pre-commands issued and not yet signed back, by RequestID: the octets the user
-- must sign (dcc simulate answers step 1 and step 2 in separate runs).
CREATE TABLE dcc_precommand (
    request_id  TEXT PRIMARY KEY,
    signed_part BLOB NOT NULL
);
