-- Schema 18: on a server database, row-level security puts the campaign's role rule in the database
-- (see the PostgreSQL history). A SQLite file has no logins: the toolkit's own check is the rule, so
-- this version changes nothing here and keeps the two histories at the same versions.
SELECT 1;
