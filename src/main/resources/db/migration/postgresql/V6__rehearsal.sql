-- Schema 6: rehearsals (design.md "Simulation rules"). A rehearsal is an event in REHEARSAL mode
-- driven by a scenario file, with a simulated clock stored here (epoch milliseconds) that only
-- 'clock advance' and 'clock set' move. Faults are the scenario's, with when they strike and end
-- and what they did. Samples are the fleet's supply picture at each simulated hour the clock passed;
-- losses are the prepayment customers who lost supply during the rehearsal.

CREATE TABLE rehearsal (
    event_id        TEXT    PRIMARY KEY REFERENCES event (id),
    scenario_id     TEXT    NOT NULL,
    scenario_file   TEXT    NOT NULL,
    scenario_sha256 TEXT    NOT NULL,
    scenario_source TEXT    NOT NULL,
    seed            BIGINT NOT NULL,
    clock_at        BIGINT NOT NULL,
    started_at      BIGINT NOT NULL,
    ended_at        BIGINT,
    protected_at    BIGINT,
    customer_hours  DOUBLE PRECISION    NOT NULL DEFAULT 0
);

CREATE TABLE rehearsal_trainee (
    event_id TEXT NOT NULL REFERENCES rehearsal (event_id),
    name     TEXT NOT NULL,
    party    TEXT NOT NULL,
    role     TEXT NOT NULL,
    PRIMARY KEY (event_id, name, role)
);

CREATE TABLE rehearsal_fault (
    event_id  TEXT    NOT NULL REFERENCES rehearsal (event_id),
    ordinal   BIGINT NOT NULL,
    type      TEXT    NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at   BIGINT,
    params    TEXT    NOT NULL, -- JSON
    state     TEXT    NOT NULL CHECK (state IN ('PENDING', 'ACTIVE', 'OVER')),
    detail    TEXT,             -- JSON: what the fault did when it struck
    PRIMARY KEY (event_id, ordinal)
);

CREATE TABLE rehearsal_sample (
    event_id      TEXT    NOT NULL REFERENCES rehearsal (event_id),
    at            BIGINT NOT NULL,
    off_supply    BIGINT NOT NULL,
    unprotected   BIGINT NOT NULL,
    not_migrated  BIGINT NOT NULL,
    PRIMARY KEY (event_id, at)
);

CREATE TABLE rehearsal_loss (
    event_id  TEXT    NOT NULL REFERENCES rehearsal (event_id),
    device_id BIGINT NOT NULL,
    off_at    BIGINT NOT NULL,
    psr       BIGINT NOT NULL,
    PRIMARY KEY (event_id, device_id, off_at)
);
