-- Schema 14: what the simulated meter itself said about a campaign item (issue 17). The trainee sees
-- what the DCC reports (detail: response codes, DCC alerts, per-cell status codes); in a rehearsal the
-- trainer also sees the meter's own check log (campaign failures --trainer, the report's trainer view).
ALTER TABLE campaign_item ADD COLUMN trainer_detail TEXT;
