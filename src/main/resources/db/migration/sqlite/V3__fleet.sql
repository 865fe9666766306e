-- Schema 3: the simulated fleet's inventory. device_id holds the EUI-64's 64 bits (as SQLite's
-- signed integer) so rows sit in device order; the view meter_eui shows it as text for people using
-- sqlite3. Money is in pence. When meters were added is in the audit log (fleet.import).

CREATE TABLE meter (
    device_id              INTEGER PRIMARY KEY,
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
    safe_mode              INTEGER NOT NULL DEFAULT 0
);

CREATE VIEW meter_eui AS
SELECT substr(printf('%016X', device_id), 1, 2) || '-' || substr(printf('%016X', device_id), 3, 2) || '-'
           || substr(printf('%016X', device_id), 5, 2) || '-' || substr(printf('%016X', device_id), 7, 2) || '-'
           || substr(printf('%016X', device_id), 9, 2) || '-' || substr(printf('%016X', device_id), 11, 2) || '-'
           || substr(printf('%016X', device_id), 13, 2) || '-' || substr(printf('%016X', device_id), 15, 2) AS eui,
       meter.*
FROM meter;
