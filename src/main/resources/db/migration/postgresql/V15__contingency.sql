-- Schema 15: the CS02b modes rootBySupplier and anyByContingency (issue 17). A meter keeps a floor for
-- the Root role (the contingency command's counter must be above it), and its Root cell keeps the
-- Root certificate's WrappedApexContingencyKey extension value (DER ApexContingencyKey, RFC 5934),
-- from which a contingency command's plaintext symmetric key unwraps the Contingency public key.
ALTER TABLE meter ADD COLUMN root_floor BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cell_set_cell ADD COLUMN contingency BYTEA;

-- PostgreSQL expands a view's meter.* when the view is made (SQLite when it is read): the view is
-- made again so that it shows the new column too
DROP VIEW meter_eui;
CREATE VIEW meter_eui AS
SELECT substr(e.hex, 1, 2) || '-' || substr(e.hex, 3, 2) || '-' || substr(e.hex, 5, 2) || '-' || substr(e.hex, 7, 2)
           || '-' || substr(e.hex, 9, 2) || '-' || substr(e.hex, 11, 2) || '-' || substr(e.hex, 13, 2) || '-'
           || substr(e.hex, 15, 2) AS eui,
       meter.*
FROM meter, LATERAL (SELECT upper(lpad(to_hex(meter.device_id), 16, '0')) AS hex) e;
