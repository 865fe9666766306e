-- Schema 18 (PostgreSQL): the campaign's role rule in the database too (issue 18), as schema 17 put
-- the checklist's there. A campaign and its items change only for a login mapped to the role that may
-- run that campaign's route: the SoLR, or an SRP acting for it, for the change of supplier
-- (supplierByTransCoS); the DCC for the Recovery and Contingency routes. So a Failing Supplier's login
-- cannot mark meters migrated even from psql. Everyone reads; the database owner is not limited.
-- Both dialects: certificates are looked up by party name ignoring case through lower(), the one
-- comparison that ignores case the same way on either database; this index serves it.
CREATE INDEX certificate_party_lower ON certificate (lower(party), alias);

-- may the session's login act in role r of event e? mapped to r, or (with srp) an SRP acting for the
-- party in r: the toolkit's Authorisation.requireRole / requireActsFor, one rule for every policy
CREATE FUNCTION solr_acts_as(e TEXT, r TEXT, srp BOOLEAN) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1
        FROM operator_login o
        WHERE o.event_id = e AND o.login = current_user AND o.role <> 'PMA'
          AND (o.role = r
               OR (srp AND o.role = 'SRP' AND EXISTS (
                       SELECT 1 FROM party s JOIN party holder ON holder.event_id = s.event_id
                           AND holder.name = s.acts_for AND holder.role = r
                       WHERE s.event_id = e AND s.role = 'SRP' AND s.name = o.party))))
$$;

-- schema 17's step rule, now in those terms (the same rule)
CREATE OR REPLACE FUNCTION solr_may_change_step(e TEXT, s TEXT) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM event_step st WHERE st.event_id = e AND st.step_id = s
                   AND solr_acts_as(e, st.role, true))
$$;

CREATE FUNCTION solr_may_run_campaign(e TEXT, m TEXT) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN m IN ('ANY_EXCEPT_ABNORMAL_ROOT_BY_RECOVERY', 'ANY_BY_CONTINGENCY') THEN solr_acts_as(e, 'DCC', false)
                ELSE solr_acts_as(e, 'SOLR', true) END
$$;

ALTER TABLE campaign ENABLE ROW LEVEL SECURITY;
CREATE POLICY campaign_read ON campaign FOR SELECT USING (true);
CREATE POLICY campaign_run ON campaign FOR ALL USING (solr_may_run_campaign(event_id, mode))
    WITH CHECK (solr_may_run_campaign(event_id, mode));

-- per statement, not per row: the campaigns this login may run, as a hashed subplan
ALTER TABLE campaign_item ENABLE ROW LEVEL SECURITY;
CREATE POLICY campaign_item_read ON campaign_item FOR SELECT USING (true);
CREATE POLICY campaign_item_run ON campaign_item FOR ALL
    USING (campaign_id IN (SELECT id FROM campaign WHERE solr_may_run_campaign(event_id, mode)))
    WITH CHECK (campaign_id IN (SELECT id FROM campaign WHERE solr_may_run_campaign(event_id, mode)));
