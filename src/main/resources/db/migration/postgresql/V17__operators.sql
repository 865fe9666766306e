-- Schema 17 (PostgreSQL): operators as database logins, and what each login may do (issue 18).
--
-- operator_login maps a login to a person, party and role in an event (operator add, by an event
-- administrator). Each audit row records the login that wrote it: the column defaults to the
-- session's login and a policy refuses any other, so a row cannot be written in someone else's name.
--
-- Group roles (cluster-wide, made once): solr_operator (the parties' logins) may read and write the
-- toolkit's tables; solr_reader (the PMA) may only read. Row-level security then limits what an
-- operator may change in the checklist: a step only by a login mapped to the step's role, or an SRP
-- acting for the party in that role (the toolkit's own rule), whether through the toolkit or psql.
-- The database owner (the event administrator who ran the migrations) is not limited.
CREATE TABLE operator_login (
    event_id TEXT NOT NULL REFERENCES event (id),
    login    TEXT NOT NULL,
    name     TEXT NOT NULL,
    party    TEXT NOT NULL,
    role     TEXT NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    PRIMARY KEY (event_id, login)
);
ALTER TABLE audit ADD COLUMN login TEXT DEFAULT current_user;

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'solr_operator') THEN
        CREATE ROLE solr_operator NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'solr_reader') THEN
        CREATE ROLE solr_reader NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO solr_operator, solr_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO solr_operator, solr_reader;
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO solr_operator;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO solr_operator;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO solr_operator, solr_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT INSERT, UPDATE, DELETE ON TABLES TO solr_operator;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO solr_operator;
-- the mappings and the schema history are the administrator's
REVOKE INSERT, UPDATE, DELETE ON operator_login, flyway_schema_history, event, event_phase, event_step, party
    FROM solr_operator;
-- everyone's own current event (setting current_event@LOGIN), the PMA's too
GRANT INSERT, UPDATE ON setting TO solr_reader;
-- a login not (yet) mapped sees which events there are and that it is not mapped, nothing else: so the
-- toolkit can tell it so in one line
GRANT SELECT ON flyway_schema_history, event, party, setting, operator_login TO PUBLIC;

-- may the session's login change step s of event e? (the checklist's role rule, in the database)
CREATE FUNCTION solr_may_change_step(e TEXT, s TEXT) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1
        FROM operator_login o
        JOIN event_step st ON st.event_id = o.event_id AND st.step_id = s
        WHERE o.event_id = e AND o.login = current_user AND o.role <> 'PMA'
          AND (st.role = o.role
               OR (o.role = 'SRP' AND EXISTS (
                       SELECT 1 FROM party srp JOIN party holder ON holder.event_id = srp.event_id
                           AND holder.name = srp.acts_for AND holder.role = st.role
                       WHERE srp.event_id = e AND srp.role = 'SRP' AND srp.name = o.party))))
$$;

ALTER TABLE step_state ENABLE ROW LEVEL SECURITY;
CREATE POLICY step_state_read ON step_state FOR SELECT USING (true);
CREATE POLICY step_state_change ON step_state FOR UPDATE USING (solr_may_change_step(event_id, step_id))
    WITH CHECK (solr_may_change_step(event_id, step_id));

ALTER TABLE evidence ENABLE ROW LEVEL SECURITY;
CREATE POLICY evidence_read ON evidence FOR SELECT USING (true);
CREATE POLICY evidence_add ON evidence FOR INSERT WITH CHECK (solr_may_change_step(event_id, step_id));

ALTER TABLE audit ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_read ON audit FOR SELECT USING (true);
CREATE POLICY audit_append ON audit FOR INSERT WITH CHECK (login = current_user);

ALTER TABLE setting ENABLE ROW LEVEL SECURITY;
CREATE POLICY setting_read ON setting FOR SELECT USING (true);
CREATE POLICY setting_own ON setting FOR ALL USING (key = 'current_event@' || current_user)
    WITH CHECK (key = 'current_event@' || current_user);
