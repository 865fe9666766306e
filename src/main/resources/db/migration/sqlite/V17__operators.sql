-- Schema 17: operators as database logins (issue 18). On a server database a person is the database
-- login they connect as: operator_login maps a login to a person, party and role in an event, and each
-- audit row records the login that wrote it (its hash covers it). On a SQLite file the operator is
-- whoever --as says; the table stays empty and login NULL.
CREATE TABLE operator_login (
    event_id TEXT NOT NULL REFERENCES event (id),
    login    TEXT NOT NULL,
    name     TEXT NOT NULL,
    party    TEXT NOT NULL,
    role     TEXT NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    PRIMARY KEY (event_id, login)
);
ALTER TABLE audit ADD COLUMN login TEXT;
