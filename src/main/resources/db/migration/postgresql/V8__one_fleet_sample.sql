-- Schema 8: one table of fleet samples for live events and rehearsals alike (owned by the device
-- feature), with one definition of its words (domain.md section 1, section 7):
--   off_supply   prepayment meters whose supply is disabled at that moment;
--   unprotected  prepayment meters neither in safe mode nor holding the SoLR's Supplier certificates;
--   not_migrated meters whose Supplier cells do not hold the SoLR's certificates.
-- A rehearsal's hourly samples move here from rehearsal_sample (same columns, same definitions).
-- A live event's earlier samples counted meters still holding the Failing Supplier's certificates;
-- in an event with only those two suppliers that is the same number, and it is kept as recorded.

-- a rehearsal's safe-mode runs also left a sample here, which its report never showed: its hourly samples
-- are its picture of the fleet
DELETE FROM fleet_sample WHERE event_id IN (SELECT event_id FROM rehearsal);

INSERT INTO fleet_sample (event_id, at, off_supply, unprotected, not_migrated)
SELECT event_id, at, off_supply, unprotected, not_migrated FROM rehearsal_sample
ON CONFLICT (event_id, at) DO UPDATE SET off_supply = excluded.off_supply, unprotected = excluded.unprotected,
    not_migrated = excluded.not_migrated;

DROP TABLE rehearsal_sample;
