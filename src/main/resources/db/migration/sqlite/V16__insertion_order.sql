-- Schema 16: the order rows were recorded in, as a column (issue 18). SQLite's hidden rowid gave it;
-- a PostgreSQL server has no such thing, and both dialects keep one history. Existing rows keep
-- their rowid order.
ALTER TABLE party ADD COLUMN ordinal INTEGER NOT NULL DEFAULT 0;
UPDATE party SET ordinal = rowid;
ALTER TABLE rehearsal_trainee ADD COLUMN ordinal INTEGER NOT NULL DEFAULT 0;
UPDATE rehearsal_trainee SET ordinal = rowid;
ALTER TABLE certificate ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
UPDATE certificate SET seq = rowid;
CREATE INDEX certificate_seq ON certificate (seq);
