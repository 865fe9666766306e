-- Schema 16 (PostgreSQL): the order rows were recorded in, as a column (issue 18); SQLite's hidden
-- rowid gave it there, and both dialects keep one history.
ALTER TABLE party ADD COLUMN ordinal BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rehearsal_trainee ADD COLUMN ordinal BIGINT NOT NULL DEFAULT 0;
ALTER TABLE certificate ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX certificate_seq ON certificate (seq);
