-- Schema 7: the fleet's picture at moments of a live event (after each campaign run and each safe-mode
-- run over the fleet), so that the report can chart prepayment customers at risk and off supply over
-- time. A rehearsal samples every simulated hour in rehearsal_sample instead.

CREATE TABLE fleet_sample (
    event_id     TEXT    NOT NULL REFERENCES event (id),
    at           INTEGER NOT NULL,
    off_supply   INTEGER NOT NULL,
    unprotected  INTEGER NOT NULL,
    not_migrated INTEGER NOT NULL,
    PRIMARY KEY (event_id, at)
);
