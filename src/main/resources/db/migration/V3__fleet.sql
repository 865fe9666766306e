-- Schema 3: the simulated fleet's inventory. device_id holds the EUI-64's 64 bits (as SQLite's
-- signed integer) so rows sit in device order; eui is the same id as text for people and sqlite3.
-- Money is in pence.

CREATE TABLE meter (
    device_id              INTEGER PRIMARY KEY,
    eui                    TEXT    NOT NULL,
    device_type            TEXT    NOT NULL CHECK (device_type IN ('ESME', 'GSME')),
    mpxn                   TEXT    NOT NULL,
    payment_mode           TEXT    NOT NULL CHECK (payment_mode IN ('PREPAYMENT', 'CREDIT')),
    credit_balance         INTEGER NOT NULL,
    emergency_credit_limit INTEGER NOT NULL,
    debt                   INTEGER NOT NULL,
    debt_recovery_percent  INTEGER NOT NULL,
    psr                    INTEGER NOT NULL,
    supplier               TEXT    NOT NULL,
    supply_state           TEXT    NOT NULL CHECK (supply_state IN ('ENABLED', 'DISABLED')),
    safe_mode              INTEGER NOT NULL DEFAULT 0,
    added_at               TEXT    NOT NULL
);
