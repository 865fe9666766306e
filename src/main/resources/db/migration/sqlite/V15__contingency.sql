-- Schema 15: the CS02b modes rootBySupplier and anyByContingency (issue 17). A meter keeps a floor for
-- the Root role (the contingency command's counter must be above it), and its Root cell keeps the
-- Root certificate's WrappedApexContingencyKey extension value (DER ApexContingencyKey, RFC 5934),
-- from which a contingency command's plaintext symmetric key unwraps the Contingency public key.
ALTER TABLE meter ADD COLUMN root_floor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cell_set_cell ADD COLUMN contingency BLOB;
