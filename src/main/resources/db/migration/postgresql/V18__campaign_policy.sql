-- Schema 18 (PostgreSQL): the campaign's role rule in the database too (issue 18), as schema 17 put
-- the checklist's there. A campaign and its items change only for a login mapped to the role that may
-- run that campaign's route: the SoLR, or an SRP acting for it, for the change of supplier
-- (supplierByTransCoS); the DCC for the Recovery and Contingency routes. So a Failing Supplier's login
-- cannot mark meters migrated even from psql. Everyone reads; the database owner is not limited.
CREATE FUNCTION solr_may_run_campaign(e TEXT, m TEXT) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1
        FROM operator_login o
        WHERE o.event_id = e AND o.login = current_user
          AND CASE WHEN m IN ('ANY_EXCEPT_ABNORMAL_ROOT_BY_RECOVERY', 'ANY_BY_CONTINGENCY') THEN o.role = 'DCC'
                   ELSE o.role = 'SOLR'
                        OR (o.role = 'SRP' AND EXISTS (
                               SELECT 1 FROM party srp JOIN party holder ON holder.event_id = srp.event_id
                                   AND holder.name = srp.acts_for AND holder.role = 'SOLR'
                               WHERE srp.event_id = e AND srp.role = 'SRP' AND srp.name = o.party))
              END)
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
