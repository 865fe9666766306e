-- Schema 3: the simulated fleet's inventory. device_id holds the EUI-64's 64 bits (as SQLite's
-- signed integer) so rows sit in device order; the view meter_eui shows it as text for people using
-- sqlite3. Money is in pence. When meters were added is in the audit log (fleet.import).

CREATE TABLE meter (
    device_id              BIGINT PRIMARY KEY,
    device_type            TEXT    NOT NULL CHECK (device_type IN ('ESME', 'GSME')),
    mpxn                   TEXT    NOT NULL,
    payment_mode           TEXT    NOT NULL CHECK (payment_mode IN ('PREPAYMENT', 'CREDIT')),
    credit_balance         BIGINT NOT NULL,
    emergency_credit_limit BIGINT NOT NULL,
    debt                   BIGINT NOT NULL,
    debt_recovery_percent  BIGINT NOT NULL,
    psr                    BIGINT NOT NULL,
    supplier               TEXT    NOT NULL,
    supply_state           TEXT    NOT NULL CHECK (supply_state IN ('ENABLED', 'DISABLED')),
    safe_mode              BIGINT NOT NULL DEFAULT 0
);

CREATE VIEW meter_eui AS
SELECT substr(e.hex, 1, 2) || '-' || substr(e.hex, 3, 2) || '-' || substr(e.hex, 5, 2) || '-' || substr(e.hex, 7, 2)
           || '-' || substr(e.hex, 9, 2) || '-' || substr(e.hex, 11, 2) || '-' || substr(e.hex, 13, 2) || '-'
           || substr(e.hex, 15, 2) AS eui,
       meter.*
FROM meter, LATERAL (SELECT upper(lpad(to_hex(meter.device_id), 16, '0')) AS hex) e;
