-- Schema 4: what a simulated meter holds beyond its inventory row (domain.md sections 3 and 4).
--
-- Trust anchor cells: a meter points at a cell set; identical sets are stored once (a million
-- meters of one supplier share a handful of sets). Each cell keeps what the device keeps: the
-- certificate's subject unique id (EUI-64, none for the Root), its SKI and its public key (DER
-- SubjectPublicKeyInfo). digest is the SHA-256 of the set's cells in cell order.
CREATE TABLE cell_set (
    id     INTEGER PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE
);

CREATE TABLE cell_set_cell (
    set_id     INTEGER NOT NULL REFERENCES cell_set (id),
    cell       TEXT    NOT NULL,
    eui        TEXT,
    ski        TEXT    NOT NULL,
    public_key BLOB    NOT NULL,
    PRIMARY KEY (set_id, cell)
);

-- Sequence-number floors (unsigned 64-bit counters held as SQLite's signed 64 bits), the prepayment
-- thresholds (pence), consumption per simulated hour (pence), the instant up to which consumption
-- has been drawn and since when supply is in its state (both milliseconds since the epoch, UTC:
-- datetime(settled_at / 1000, 'unixepoch') in sqlite3), and the last UTRNs accepted (duplicates).
ALTER TABLE meter ADD COLUMN cell_set_id INTEGER REFERENCES cell_set (id);
ALTER TABLE meter ADD COLUMN supplier_floor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meter ADD COLUMN network_operator_floor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meter ADD COLUMN tcos_floor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meter ADD COLUMN recovery_floor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meter ADD COLUMN prepayment_floor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meter ADD COLUMN emergency_credit_threshold INTEGER NOT NULL DEFAULT 500;
ALTER TABLE meter ADD COLUMN low_credit_threshold INTEGER NOT NULL DEFAULT 300;
ALTER TABLE meter ADD COLUMN disablement_threshold INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meter ADD COLUMN consumption_per_hour INTEGER NOT NULL DEFAULT 12;
ALTER TABLE meter ADD COLUMN settled_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meter ADD COLUMN supply_since INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meter ADD COLUMN recent_utrns TEXT NOT NULL DEFAULT '';

-- Every UTRN offered to a meter by the toolkit, and what the meter said. A supplier's next counter
-- for a meter follows its last one here.
CREATE TABLE topup (
    id         INTEGER PRIMARY KEY,
    device_id  INTEGER NOT NULL,
    party      TEXT    NOT NULL COLLATE NOCASE,
    originator TEXT    NOT NULL,
    counter    INTEGER NOT NULL,
    utrn       TEXT    NOT NULL,
    pence      INTEGER NOT NULL,
    offered_at TEXT    NOT NULL,
    result     TEXT    NOT NULL
);
CREATE INDEX topup_meter ON topup (device_id, party);
