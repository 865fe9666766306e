-- Schema 10: what the SoLR imported from its DCC adapter (issue 16). Each file is recorded by its
-- SHA-256 with the RequestID it answered and what it said, so importing the same file twice changes
-- nothing, and the outcome of each campaign item can be traced to the response that set it.
CREATE TABLE duis_response (
    sha256      TEXT    PRIMARY KEY,
    request_id  TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    code        TEXT    NOT NULL,
    outcome     TEXT    NOT NULL,
    file        TEXT    NOT NULL,
    imported_at INTEGER NOT NULL
);
CREATE INDEX duis_response_request ON duis_response (request_id);
