-- Schema 12: prepayment protection as the industry really can (domain.md section 7, issue 17).
--
-- There is no GBCS "safe mode": a meter's protection is its real configuration, set by critical
-- service requests (2.1, 2.5, 1.6, 1.5, 2.3) signed with the registered supplier's key.
--   ec_active          emergency credit activated (2.5); the supply is disabled at the threshold
--                      minus the EC limit instead of at the threshold
--   non_disablement    the non-disablement calendar (2.1): daily windows HH:MM-HH:MM (UTC) and special
--                      days YYYY-MM-DD joined by ';'; '00:00-24:00' is every minute of every day
--   max_meter_balance  pence; a UTRN taking the balance above it is refused
--   armed              1 while supply_state is DISABLED but credit is back: the supply comes back when
--                      the customer presses the button on the meter (or 7.1 Enable Supply, electricity)
--   off_since          milliseconds since the epoch, UTC, since the supply went off (disabled or armed)
--   off_millis         time off supply in outages that have ended, milliseconds
--   reaction_minutes   how long after arming the customer presses the button (a seeded draw; -1: away)
ALTER TABLE meter ADD COLUMN ec_active INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meter ADD COLUMN non_disablement TEXT NOT NULL DEFAULT '';
ALTER TABLE meter ADD COLUMN max_meter_balance INTEGER NOT NULL DEFAULT 25000;
ALTER TABLE meter ADD COLUMN armed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meter ADD COLUMN off_since INTEGER;
ALTER TABLE meter ADD COLUMN off_millis INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meter ADD COLUMN reaction_minutes INTEGER NOT NULL DEFAULT 30;

-- a meter that was in the old invented safe mode had, in effect, a calendar covering every minute
UPDATE meter SET non_disablement = '00:00-24:00' WHERE safe_mode = 1;
UPDATE meter SET off_since = supply_since WHERE supply_state = 'DISABLED';
DROP VIEW meter_eui;
ALTER TABLE meter DROP COLUMN safe_mode;
CREATE VIEW meter_eui AS
SELECT substr(printf('%016X', device_id), 1, 2) || '-' || substr(printf('%016X', device_id), 3, 2) || '-'
           || substr(printf('%016X', device_id), 5, 2) || '-' || substr(printf('%016X', device_id), 7, 2) || '-'
           || substr(printf('%016X', device_id), 9, 2) || '-' || substr(printf('%016X', device_id), 11, 2) || '-'
           || substr(printf('%016X', device_id), 13, 2) || '-' || substr(printf('%016X', device_id), 15, 2) AS eui,
       meter.*
FROM meter;

-- The DCC's registration data (DUIS: the DCC checks the requester is the supplier registered for the
-- MPxN; MP185): who is registered supplier for an event's meter points, from when, until when.
-- mpxn NULL covers every meter point of the event's fleet (MPIDs move as a whole); a row for one
-- MPxN wins over it. Written when the event is created (the Failing Supplier until its MPIDs are
-- transferred, the SoLR from the appointment) and when the transfer happens.
CREATE TABLE dcc_registration (
    id        INTEGER PRIMARY KEY,
    event_id  TEXT    NOT NULL,
    mpxn      TEXT,
    supplier  TEXT    NOT NULL COLLATE NOCASE,
    from_at   INTEGER NOT NULL,
    until_at  INTEGER
);
CREATE INDEX dcc_registration_event ON dcc_registration (event_id, mpxn);

-- Device alerts a meter raised (domain.md section 6): 8F32 supply armed, 8168 supply armed after
-- emergency credit, 8F0F credit below the disablement threshold... at is milliseconds since the epoch.
CREATE TABLE meter_alert (
    id         INTEGER PRIMARY KEY,
    device_id  INTEGER NOT NULL,
    code       TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    detail     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX meter_alert_device ON meter_alert (device_id, at);

-- A rehearsal's customer-hours off supply on gas meters (customer_hours stays the total, both fuels).
ALTER TABLE rehearsal ADD COLUMN customer_hours_gas REAL NOT NULL DEFAULT 0;
