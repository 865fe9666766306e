-- Schema 18: on a server database, row-level security puts the campaign's role rule in the database
-- (see the PostgreSQL history); a SQLite file has no logins, and the toolkit's own check is the rule.
-- Both: certificates are looked up by party name ignoring case through lower(), the one comparison
-- that ignores case the same way on either database; this index serves it.
CREATE INDEX certificate_party_lower ON certificate (lower(party), alias);
