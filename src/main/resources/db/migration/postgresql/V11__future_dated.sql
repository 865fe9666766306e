-- Schema 11: future-dated commands and the simulated DCC's log (issue 16).
--
-- A meter that accepts a CS02b with an execution date-time in the future keeps the command (domain.md
-- section 6: "answered at once with an acceptance only; the outcome arrives later as alert 8F66 or
-- 8F67"). This is the simulated meters' memory of such commands: the GBCS octets as received (already
-- authenticated: MAC and signature were checked on receipt), when to execute them, and when they were.
CREATE TABLE meter_deferred (
    device        TEXT    NOT NULL,
    counter       BIGINT NOT NULL,
    command       BYTEA    NOT NULL,
    execute_at    BIGINT NOT NULL,
    received_at   BIGINT NOT NULL,
    executed_at   BIGINT,
    PRIMARY KEY (device, counter)
);
CREATE INDEX meter_deferred_due ON meter_deferred (executed_at, execute_at);

-- The simulated DCC's log of the DUIS requests it answered: a request is answered once (running
-- 'dcc simulate' again over the same folder answers only new ones), a RequestID counter must be
-- above the last one of its originator and target, and the GBCS counter the DCC used (as TCoS)
-- maps a device's later 8F66 / 8F67 alert back to the request it answers.
CREATE TABLE dcc_request (
    request_id   TEXT    PRIMARY KEY,
    originator   TEXT    NOT NULL,
    target       TEXT    NOT NULL,
    counter      BIGINT NOT NULL,
    gbcs_counter BIGINT,
    outcome      TEXT    NOT NULL,
    file         TEXT    NOT NULL,
    answered_at  BIGINT NOT NULL
);
CREATE INDEX dcc_request_pair ON dcc_request (originator, target);
CREATE INDEX dcc_request_gbcs ON dcc_request (target, gbcs_counter);
